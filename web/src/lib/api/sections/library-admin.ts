// Admins' editing of the clinic's self-care library, spread into the client by createApiClient.
// An entry's text is the whole file (front matter and body); the shipped files stay the defaults
// and the clinic's versions replace them for this clinic only.
import type { ApiRequest, RequestOptions } from '../client';
import type {
	LibraryEntry,
	LibraryEntryPreview,
	LibraryEntrySource,
	LibraryEntryVersion
} from '../empower-types';

const id = encodeURIComponent;

function entryPath(slug: string): string {
	return `/api/v1/library/${id(slug)}`;
}

export function libraryAdminApi(request: ApiRequest) {
	return {
		/** The text as the clinic is served it, its source and version (send it back to save). */
		getLibraryEntrySource(slug: string, opts: RequestOptions = {}) {
			return request<LibraryEntrySource>('GET', `${entryPath(slug)}/source`, opts);
		},

		/** The clinic's saves and removals of the entry, newest first. */
		listLibraryEntryVersions(slug: string, opts: RequestOptions = {}) {
			return request<{ items: LibraryEntryVersion[] }>('GET', `${entryPath(slug)}/versions`, opts);
		},

		/**
		 * Saves a new version. `version` is the one loaded (0 for a default never edited): a 409 means
		 * someone saved in between. A 400 lists every issue of the text, paths like
		 * `front_matter.regions[1]` or `body`.
		 */
		saveLibraryEntry(slug: string, markdown: string, version: number, opts: RequestOptions = {}) {
			return request<LibraryEntry>('PUT', entryPath(slug), {
				...opts,
				body: { markdown },
				headers: { 'If-Match': `"${version}"` }
			});
		},

		/** Adds an entry; its slug comes from the text. 409 when the library already has the slug. */
		createLibraryEntry(markdown: string, opts: RequestOptions = {}) {
			return request<LibraryEntry>('POST', '/api/v1/library', { ...opts, body: { markdown } });
		},

		/** Removes the clinic's version: the default shows again, or the entry leaves the library. */
		removeLibraryEntry(slug: string, version: number, opts: RequestOptions = {}) {
			return request<void>('DELETE', entryPath(slug), {
				...opts,
				headers: { 'If-Match': `"${version}"` }
			});
		},

		/** Checks and renders the text without storing it. */
		previewLibraryEntry(markdown: string, opts: RequestOptions = {}) {
			return request<LibraryEntryPreview>('POST', '/api/v1/library/preview', {
				...opts,
				body: { markdown }
			});
		}
	};
}
