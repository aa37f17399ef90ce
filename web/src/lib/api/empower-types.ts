// Types for the Empower stage (daily check-ins, self-care library), taken from the generated
// OpenAPI types (schema.d.ts, made by `npm run gen:api`) like the ones in assess-types.ts.
import type { components } from './schema';

type Schemas = components['schemas'];

export type CheckIn = Schemas['CheckIn'];
export type CheckInValues = Schemas['CheckInValues'];
export type CheckInCreate = Schemas['CheckInCreate'];
export type CheckInRating = Schemas['CheckInRating'];
export type LibraryEntrySummary = Schemas['LibraryEntrySummary'];
export type LibraryEntry = Schemas['LibraryEntry'];
