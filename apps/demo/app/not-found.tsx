import { Notice } from '../components/Notice';

export default function NotFound() {
  return (
    <Notice title="Page not found" state="not-found">
      <p className="muted">There is nothing at this address.</p>
    </Notice>
  );
}
