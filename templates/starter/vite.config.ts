import { hostmesh } from 'hostmesh/vite';
import { defineConfig } from 'vite';

// `vite` (npm run dev) runs the lobby inside the dev server: open its URL, host, and send the
// invite link; edits reload the page and it takes its seat back.
export default defineConfig({
  plugins: [hostmesh()],
});
