/** Figure 6: the tarball, and what loading it costs n8n at start-up. */
import type { Figure } from './figures';

export const figure6: Figure = {
	number: '6',
	title: 'Loading: tarball size and n8n start-up with and without the package',
	async run() {
		throw new Error('not written yet');
	},
};
