import { Notice } from '../../../components/Notice';

export default function StudioNotFound() {
  return (
    <Notice title="No such live input" state="not-found">
      <p className="muted">The link may be mistyped, or the input was deleted.</p>
    </Notice>
  );
}
