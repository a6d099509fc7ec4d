import { Studio } from '../components/Studio';

export default function HomePage() {
  return (
    <>
      <h1 className="page-title">Go live from your browser</h1>
      <p className="page-lead">
        Create a live input, press <strong>Go live</strong> to publish your camera over WHIP, and open the watch link in
        another tab or device to play it over WHEP, usually well under a second behind.
      </p>
      <Studio />
    </>
  );
}
