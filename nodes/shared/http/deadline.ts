/** A deadline on a whole request, since the HTTP client's own timeout only notices silence. */

/** Grace after the client's own timeout, so its (idle) timeout keeps reporting the usual cases. */
const DEADLINE_GRACE_MS = 250;

/**
 * The request timeout of the HTTP client is an idle timeout: a server that trickles one byte now and
 * then is never cut off. This puts a deadline on the whole request (the late request is left to end
 * on its own; its answer is ignored). AbortSignal.timeout's timer does not keep n8n's process alive.
 */
export async function withDeadline<T>(request: Promise<T>, timeoutMs: number): Promise<T> {
	const deadline = AbortSignal.timeout(timeoutMs + DEADLINE_GRACE_MS);
	return await new Promise<T>((resolve, reject) => {
		// Shaped like the client's own timeout error, so retries and messages treat both alike.
		const expire = () => reject(Object.assign(new Error(`timeout of ${timeoutMs}ms exceeded`), { code: 'ECONNABORTED' }));
		deadline.addEventListener('abort', expire, { once: true });
		// Once settled, the signal keeps no reference to this request (nor to its answer).
		request.then(
			(value) => {
				deadline.removeEventListener('abort', expire);
				resolve(value);
			},
			(error: unknown) => {
				deadline.removeEventListener('abort', expire);
				reject(error);
			},
		);
	});
}
