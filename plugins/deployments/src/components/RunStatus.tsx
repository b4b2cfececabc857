import { Badge, Link } from '@backstage/ui';

/** A workflow run's state in words: queued, running, succeeded, failed, … */
export function runState(run: { status?: string; conclusion?: string }) {
  if (run.status !== 'completed') {
    return run.status === 'in_progress' ? 'running' : run.status ?? 'unknown';
  }
  switch (run.conclusion) {
    case 'success':
      return 'succeeded';
    case 'failure':
      return 'failed';
    default:
      return run.conclusion ?? 'completed';
  }
}

/** The run's state and the link to its page on GitHub, where its logs are. */
export function RunStatus(props: {
  run: { status?: string; conclusion?: string; url: string };
  label?: string;
}) {
  return (
    <>
      <Badge size="small">{runState(props.run)}</Badge>{' '}
      <Link href={props.run.url} target="_blank" rel="noopener noreferrer">
        {props.label ?? 'Run and logs'}
      </Link>
    </>
  );
}
