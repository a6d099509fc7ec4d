import { Notice } from '../../../components/Notice';

export default function WatchNotFound() {
  return (
    <Notice title="This stream does not exist" state="not-found" action={{ href: '/', label: 'Go live yourself' }}>
      <p className="muted">The link may be mistyped, or its creator deleted it.</p>
    </Notice>
  );
}
