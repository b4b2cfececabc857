import { renderApp } from './app';

const root = document.getElementById('app');
if (root) {
  void renderApp(root, {
    title: ${{ values.name | dump }},
    description: ${{ values.description | dump }},
  });
}
