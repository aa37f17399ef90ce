// Domain types taken from the generated OpenAPI types (schema.d.ts, made by `npm run gen:api`).
import type { components } from './schema';

type Schemas = components['schemas'];

export type Clinic = Schemas['Clinic'];
export type ClinicPatch = Schemas['ClinicPatch'];
export type Patient = Schemas['Patient'];
export type PatientPage = Schemas['PatientPage'];
export type PatientCreate = Schemas['PatientCreate'];
export type PatientPatch = Schemas['PatientPatch'];
export type PatientVersion = Schemas['PatientVersion'];
export type Problem = Schemas['Problem'];
export type Issue = Schemas['Issue'];
