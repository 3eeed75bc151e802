/**
 * The Chromium the browser suite drives. Playwright's own browser download cannot work on a closed
 * network, so the suite uses the distribution's `chromium` package: found where Debian installs it,
 * installed with apt-get when missing (Debian, as root), or a clear message saying what to install.
 * CHROMIUM_PATH points the suite at another Chromium (>= the version Playwright supports).
 */
import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';

/** The real binary first: /usr/bin/chromium is a shell launcher that adds flags of its own. */
const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

export function findChromium(): string | undefined {
	const fromEnv = process.env.CHROMIUM_PATH;
	if (fromEnv) {
		if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
		return fromEnv;
	}
	return CANDIDATES.find((path) => existsSync(path));
}

function isDebian(): boolean {
	return existsSync('/etc/debian_version') || /^ID(_LIKE)?=.*debian/m.test(existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '');
}

function run(command: string, args: string[], log: (line: string) => void): void {
	log(`$ ${command} ${args.join(' ')}`);
	const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, encoding: 'utf8' });
	if (result.status !== 0) {
		const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
		throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}):\n${output || result.error?.message || ''}`);
	}
}

/** The Chromium to launch; installs Debian's package first when none is there. */
export function ensureChromium(log: (line: string) => void = console.log): string {
	const found = findChromium();
	if (found) return found;
	const root = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isDebian() || !root) {
		throw new Error(
			'The browser suite needs Chromium and found none. ' +
				(isDebian()
					? 'Install it as root: apt-get update && apt-get install -y chromium'
					: 'Install your distribution\'s "chromium" package (or any Chromium/Chrome) and set CHROMIUM_PATH to its binary.'),
		);
	}
	log('Chromium is missing: installing Debian\'s chromium package (about 1 minute)…');
	run('apt-get', ['update'], log);
	run('apt-get', ['install', '-y', 'chromium'], log);
	const installed = findChromium();
	if (!installed) throw new Error('apt-get installed chromium, but no chromium binary was found afterwards');
	return installed;
}

/** The installed Chromium's version line, for the suite's log. */
export function chromiumVersion(path: string): string {
	const result = spawnSync(path, ['--version'], { encoding: 'utf8' });
	return (result.stdout || result.stderr || '').trim();
}
