import fastJsonPatch from 'fast-json-patch';
import type { Json } from '../../object.ts';
import { PatchError } from './errors.ts';
import { cloneJson, preview } from './json.ts';

type Operation = Parameters<typeof fastJsonPatch.applyPatch>[1][number];

/**
 * RFC 6902 JSON patch (application/json-patch+json). Operations apply in order and all-or-nothing: a failed `test`
 * or an unresolvable path rejects the whole patch and leaves `original` untouched.
 */
export function applyJsonPatch(original: Json, operations: unknown): Json {
  if (!Array.isArray(operations)) {
    throw new PatchError(
      `a JSON patch must be an array of operations, got ${preview(operations)}; send e.g. [{"op":"replace","path":"/spec/replicas","value":3}]`,
    );
  }
  try {
    const result = fastJsonPatch.applyPatch(
      cloneJson(original),
      cloneJson(operations as Json[]) as unknown as Operation[],
      true,
      true,
    );
    return result.newDocument as Json;
  } catch (error) {
    if (error instanceof fastJsonPatch.JsonPatchError) {
      throw new PatchError(describeJsonPatchError(error), { cause: error });
    }
    throw error;
  }
}

function describeJsonPatchError(error: InstanceType<typeof fastJsonPatch.JsonPatchError>): string {
  const at = error.index === undefined ? '' : ` in operation ${error.index}`;
  const operation = error.operation === undefined ? '' : ` ${preview(error.operation)}`;
  const what = (() => {
    switch (error.name) {
      case 'TEST_OPERATION_FAILED':
        return 'test operation failed: the value at the path differs from the expected value';
      case 'OPERATION_PATH_UNRESOLVABLE':
      case 'OPERATION_FROM_UNRESOLVABLE':
        return 'the path does not exist in the object';
      case 'OPERATION_OP_INVALID':
        return 'unknown op (must be add, remove, replace, move, copy or test)';
      default:
        return error.message.split('\n')[0] ?? error.name;
    }
  })();
  return `invalid JSON patch${at}${operation}: ${what}`;
}
