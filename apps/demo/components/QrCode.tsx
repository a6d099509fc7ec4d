import { qrCodePath } from '../lib/qrCodePath';

/** A QR code drawn here as SVG (no QR service); dark on a white card so phone cameras read it on a dark page. */
export function QrCode({ value, label }: { value: string; label: string }) {
  const { size, d } = qrCodePath(value);
  return (
    <svg className="qr-code" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
