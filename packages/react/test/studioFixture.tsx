// studioFixture.html's script: the Studio as a page of its own, going live to `?url=`, with the
// page's own devices and localStorage. Tests read its state back as `window.fixture`.
import { createRoot } from 'react-dom/client';
import { Studio, type StudioState } from './Studio';

const expose = (state: StudioState) => void ((window as unknown as { fixture: StudioState }).fixture = state);

createRoot(document.getElementById('root')!).render(<Studio url={new URLSearchParams(location.search).get('url')!} onState={expose} />);
