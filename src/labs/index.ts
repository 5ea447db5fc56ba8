// The labs' public API, for the CLI and the extension: the catalogue (pure) and the runner.
export { LABS, UNAVAILABLE_LABS, LAB_IDS } from './catalogue/index';
export {
  DEFAULT_IMAGE,
  LAB_LABEL,
  defaultPrefix,
  exampleContext,
  findLab,
  listLabs,
  planSteps,
  resolveLabOptions,
  type LabOptions,
} from './listing';
export { IMAGE_RECIPE, LabRunner, labResources, type LabEngine } from './runner';
export { pickSubnets } from './subnets';
export type { LabContext, LabDefinition, LabStepPlan, Probe, UnavailableLab } from './types';
export type { LabCheckResult, LabDownResult, LabStep, LabSummary, LabUpResult } from '../shared/schema/labs';
