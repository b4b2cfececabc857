import { describe, expect, it } from 'vitest';
import { renderApp } from './app';

describe('renderApp', () => {
  it('renders the title, the description and the loaded status', async () => {
    const root = document.createElement('main');
    await renderApp(root, {
      title: ${{ values.name | dump }},
      description: 'A web front end',
      loadStatus: async () => 'All systems go',
    });
    expect(root.querySelector('h1')?.textContent).toBe(${{ values.name | dump }});
    expect(root.querySelector('[role="status"]')?.textContent).toBe('All systems go');
  });

  it('shows an error when the status cannot be loaded', async () => {
    const root = document.createElement('main');
    await renderApp(root, {
      title: 't',
      description: 'd',
      loadStatus: async () => {
        throw new Error('offline');
      },
    });
    const status = root.querySelector('[role="status"]');
    expect(status?.textContent).toContain('offline');
    expect(status?.classList.contains('error')).toBe(true);
  });
});
