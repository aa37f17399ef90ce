import type { HandleClientError } from '@sveltejs/kit';

// An unknown address (404) is an ordinary outcome shown by +error.svelte, not a fault to log.
// Anything else is unexpected: log it for whoever is debugging, and show a plain message.
export const handleError: HandleClientError = ({ error, status, message }) => {
	if (status !== 404) console.error(error);
	return { message: status === 404 ? 'Not found' : message };
};
