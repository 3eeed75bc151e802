/** Octopush's error answers: an HTTP status with `{code, message, …}` (every page's "Failure" example). */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly code: number,
		message: string,
		readonly extra: Record<string, unknown> = {},
	) {
		super(message);
	}
}

/** A 400 with Octopush's code, message and extra fields (field name, remaining attempts…). */
export const invalid = (code: number, message: string, extra: Record<string, unknown> = {}) => new HttpError(400, code, message, extra);
