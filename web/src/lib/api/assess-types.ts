// Types for the Assess stage (questionnaires, crisis support, body map, safety alerts, red flags,
// precautions, formulation), taken from the generated OpenAPI types (schema.d.ts, made by
// `npm run gen:api`) like the ones in types.ts. Names match the contract's schema names; the few
// nested shapes the schema does not name get a name here. Many members are optional in the schema
// (not in `required`), so the code reading them supplies the default (`?? []`, `?? null`).
import type { components } from './schema';

type Schemas = components['schemas'];

export type PersonRef = Schemas['PersonRef'];

// --- content ---------------------------------------------------------------------------------
export type Instrument = Schemas['Instrument'];
export type InstrumentSummary = Schemas['InstrumentSummary'];
export type InstrumentItem = Schemas['InstrumentItem'];
export type AnswerOption = Schemas['InstrumentOption'];
export type AlertRule = Schemas['InstrumentAlertRule'];
export type InstrumentLicence = Schemas['InstrumentLicence'];

export type CrisisSupport = Schemas['CrisisSupport'];
export type CrisisLine = Schemas['CrisisLine'];
export type CrisisContact = Schemas['CrisisContact'];

export type BodyMapContent = Schemas['BodyMapContent'];
export type BodyRegion = BodyMapContent['regions'][number];
export type BodyShape = Schemas['BodyShape'];

export type RedFlagsContent = Schemas['RedFlagsContent'];
export type RedFlag = RedFlagsContent['flags'][number];
export type RedFlagAction = RedFlag['actions'][number];
export type PrecautionDefinition = RedFlagsContent['precautions'][number];
export type PrecautionSituation = PrecautionDefinition['situations'][number];

// --- assessments -----------------------------------------------------------------------------
export type Draft = Required<Schemas['Draft']>;
export type AnswerValue = Draft['answers'][string][string];
export type BodyMapEntryInput = Schemas['BodyMapRegionEntry'];
export type Safety = Schemas['Safety'];
export type DraftSaved = Schemas['DraftSaved'];
export type AssessmentCreate = Schemas['AssessmentCreate'];
export type AssessmentSummary = Schemas['AssessmentSummary'];
export type AssessmentStatus = AssessmentSummary['status'];
export type Assessment = Schemas['Assessment'];
export type Response = Schemas['Response'];
export type ResponseCorrection = Schemas['ResponseCorrection'];
export type ResponseVersion = Schemas['ResponseVersion'];
export type Change = Schemas['Change'];
export type BodyMap = Schemas['BodyMap'];

// --- alerts, red flags, precautions, formulation ---------------------------------------------
export type Alert = Schemas['Alert'];
export type RedFlagScreen = Schemas['RedFlagScreen'];
export type RedFlagAnswerInput = Schemas['RedFlagScreenCreate']['answers'][number];
export type RedFlagAnswerState = RedFlagAnswerInput['answer'];
export type Precautions = Schemas['Precautions'];
export type PrecautionEntry = Schemas['PrecautionEntry'];
export type PrecautionEntryInput = Schemas['PrecautionInput'];

export type Formulation = Schemas['Formulation'];
