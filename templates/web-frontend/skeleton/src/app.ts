import './styles.css';

export type AppOptions = {
  title: string;
  description: string;
  /** Loads the status shown on the page; replace it with your API calls. */
  loadStatus?: () => Promise<string>;
};

/** Renders the application into `root` and returns once the status has loaded. */
export async function renderApp(root: HTMLElement, options: AppOptions): Promise<void> {
  root.replaceChildren();
  const heading = document.createElement('h1');
  heading.textContent = options.title;
  const description = document.createElement('p');
  description.textContent = options.description;
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.textContent = 'Loading…';
  root.append(heading, description, status);
  try {
    status.textContent = options.loadStatus ? await options.loadStatus() : 'Ready';
  } catch (error) {
    status.textContent = `Could not load the status: ${String(error)}`;
    status.classList.add('error');
  }
}
