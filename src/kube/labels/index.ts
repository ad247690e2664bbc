export { SelectorError } from './errors.ts';
export { fieldSelectorMatcher } from './field-matcher.ts';
export { type FieldRequirement, type FieldSelector, parseFieldSelector } from './field-selector.ts';
export { defaultFieldTable, type FieldGetter, type FieldTable, fieldTableFor } from './field-tables.ts';
export { everything, type LabelSelector, nothing } from './label-selector.ts';
export { parseLabelSelector } from './parse-label-selector.ts';
export type { Labels, Operator, Requirement } from './requirement.ts';
export { type LabelSelectorObject, labelSelectorFromObject } from './selector-object.ts';
export * from './validation.ts';
