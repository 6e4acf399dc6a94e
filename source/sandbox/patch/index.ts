/**
 * The sandbox's patch algorithms, as kube-apiserver runs them (pure functions, no I/O):
 * JSON patch, merge patch, strategic merge patch, server-side apply with managedFields, the
 * managedFields bookkeeping of Update operations, and the field-set helpers behind them.
 */
export {applyJsonPatch, type JsonPatchResult} from './json-patch.js';
export {applyMergePatch} from './merge-patch.js';
export {applyStrategicMergePatch, strategicMergeUnsupportedMessage, type StrategicMergeResult} from './strategic-merge.js';
export {serverSideApply, type ServerSideApplyInput, type ServerSideApplyResult} from './apply.js';
export {recordUpdate, type RecordUpdateInput} from './record-update.js';
export {conflictCauses, conflictMessage, printManager, type ApplyConflict, type ConflictCause} from './conflicts.js';
export {FieldSet, fieldsV1ToPaths, pathsToFieldsV1} from './field-set.js';
export {
	comparePathElements,
	formatFieldPath,
	keyElement,
	parsePathElement,
	serializePathElement,
	type FieldPath,
	type KeyFields,
	type PathElement,
} from './field-path.js';
export {schemaFor, type FieldRule, type KindSchema} from './merge-keys.js';
export {decodeManagedFields, encodeManagedFields, managerIdentity, type ManagerRecord, type Managers} from './managed-fields.js';
