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
export type Dosage = Schemas['Dosage'];
export type Adherence = Schemas['Adherence'];
export type ProgrammeItem = Schemas['ProgrammeItem'];
export type Programme = Schemas['Programme'];
export type ProgrammeItemCreate = Schemas['ProgrammeItemCreate'];
export type ProgrammeItemPatch = Schemas['ProgrammeItemPatch'];
export type ProgrammeDone = Schemas['ProgrammeDone'];
export type CheckInImport = Schemas['CheckInImport'];
export type CheckInList = Schemas['CheckInList'];
export type ProgrammeDoneDate = Schemas['ProgrammeDoneDate'];
export type LibraryEntrySourceKind = Schemas['LibraryEntrySourceKind'];
export type LibraryEntryText = Schemas['LibraryEntryText'];
export type LibraryEntrySource = Schemas['LibraryEntrySource'];
export type LibraryEntryVersion = Schemas['LibraryEntryVersion'];
export type LibraryEntryPreview = Schemas['LibraryEntryPreview'];
// Check-in reminders.
export type ReminderChannel = Schemas['ReminderChannel'];
export type ReminderDay = Schemas['ReminderDay'];
export type ReminderSettings = Schemas['ReminderSettings'];
export type ReminderSettingsReplace = Schemas['ReminderSettingsReplace'];
