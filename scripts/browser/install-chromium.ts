/** `npm run browser:install`: makes sure the Chromium the browser suite drives is installed. */
import { chromiumVersion, ensureChromium } from './chromium';

try {
	const path = ensureChromium();
	console.log(`Chromium ready: ${path} (${chromiumVersion(path)})`);
} catch (error) {
	console.error((error as Error).message);
	process.exit(1);
}
