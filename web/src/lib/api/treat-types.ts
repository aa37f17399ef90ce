// Treat (issue 7): names for the generated OpenAPI schemas (schema.d.ts), one block per feature.
import type { components } from './schema';

type Schemas = components['schemas'];

// --- Session notes, session map, session summaries (session-web) ---------------------------------
export type SessionNoteStatus = Schemas['SessionNoteStatus'];
export type SessionRatings = Schemas['SessionRatings'];
export type SessionRatingKey = keyof SessionRatings;
export type SessionRatingPair = Schemas['SessionRatingPair'];
export type SessionAddendum = Schemas['SessionAddendum'];
export type SessionNote = Schemas['SessionNote'];
export type SessionNoteSummary = Schemas['SessionNoteSummary'];
export type SessionNoteCreate = Schemas['SessionNoteCreate'];
// The generated SessionNoteUpdate (an allOf that only adds `required`) comes out unusable.
export type SessionNoteUpdate = SessionNoteCreate & { session_date: string };
export type Technique = Schemas['Technique'];
export type TechniqueList = Schemas['TechniqueList'];
export type SessionMapStatus = Schemas['SessionMapStatus'];
export type SessionMapReason = Schemas['SessionMapReason'];
export type SessionMapRegion = Schemas['SessionMapRegion'];
export type SessionMap = Schemas['SessionMap'];
export type SessionSummary = Schemas['SessionSummary'];
export type SessionSummaryList = Schemas['SessionSummaryList'];

// --- Care preferences (prefs) ---------------------------------------------------------------------
export type CarePreferenceFieldKind = Schemas['CarePreferenceFieldKind'];
export type CarePreferenceOption = Schemas['CarePreferenceOption'];
export type CarePreferenceField = Schemas['CarePreferenceField'];
export type CarePreferenceFieldList = Schemas['CarePreferenceFieldList'];
export type TouchConsentAnswer = Schemas['TouchConsentAnswer'];
export type TouchConsentMap = Record<string, TouchConsentAnswer>;
export type CarePreferenceValue = Schemas['CarePreferenceValue'];
export type CarePreferenceEntry = Schemas['CarePreferenceEntry'];
export type CarePreferences = Schemas['CarePreferences'];
export type CarePreferencesChange = Schemas['CarePreferencesChange'];
export type CarePreferencesVersion = Schemas['CarePreferencesVersion'];
export type CarePreferencesVersionList = Schemas['CarePreferencesVersionList'];

// --- Care plan (plan) -----------------------------------------------------------------------------
export type CarePlanFrequency = Schemas['CarePlanFrequency'];
export type CarePlanGoalInput = Schemas['CarePlanGoalInput'];
export type CarePlanGoal = Schemas['CarePlanGoal'];
export type CarePlanValues = Schemas['CarePlanValues'];
export type CarePlanInput = Schemas['CarePlanInput'];
export type CarePlan = Schemas['CarePlan'];
export type CarePlanVersion = Schemas['CarePlanVersion'];
export type CarePlanVersionList = Schemas['CarePlanVersionList'];
