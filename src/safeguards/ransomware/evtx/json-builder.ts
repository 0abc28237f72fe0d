// Builds the JSON object evtx_dump prints for one record, reproducing the evtx crate's
// JsonOutput visitor (0.8, json_output.rs) step for step so that edge cases come out the same:
// attributes under `#attributes` (NULL attributes dropped), text under `#text` beside them,
// `<Data Name="X">` keyed by its Name, repeated sibling names moved to `Name_1`, `Name_2`, ...,
// and text pieces of one element concatenated.
import { valueText, type JsonValue } from './binxml-values.ts';

type JsonObject = Record<string, unknown>;

const hasOwn = Object.hasOwn;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isEmptyObject(v: unknown): boolean {
  if (!isObject(v)) return false;
  for (const key in v) if (hasOwn(v, key)) return false;
  return true;
}

/** Assigns without tripping the `__proto__` setter on element names read from the file. */
function put(target: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

export class JsonBuilder {
  readonly root: JsonObject = {};
  private readonly stack: string[] = [];
  // Result of the last walk: the value at the top of the stack and the object that holds it.
  private holder: JsonObject = this.root;
  private key = '';
  private value: unknown = this.root;

  /** An element's start tag with its attributes (names and values in file order). */
  open(name: string, attrNames: string[], attrValues: JsonValue[]): void {
    if (name === 'Data') {
      const i = attrNames.indexOf('Name');
      if (i >= 0) this.insertWithoutAttributes(valueText(attrValues[i]!));
      else this.stack.push('Data'); // unnamed Data: text lands in Data.#text when it comes
      return;
    }
    if (attrNames.length === 0) this.insertWithoutAttributes(name);
    else this.insertWithAttributes(name, attrNames, attrValues);
  }

  close(): void {
    this.stack.pop();
  }

  /** Text (a value token, a substitution or an entity) inside the current element. */
  characters(text: JsonValue): void {
    this.walk(this.stack.length);
    const current = this.value;
    if (current === null) {
      this.replace(text);
    } else if (isObject(current)) {
      const previous = current['#text'];
      if (previous === undefined || previous === null) current['#text'] = text;
      else if (Array.isArray(previous)) previous.push(text);
      else {
        delete current['#text'];
        current['#text'] = [previous, text];
      }
    } else if (typeof current === 'string') {
      this.replace(current + valueText(text));
    } else if (Array.isArray(current)) {
      current.push(text);
    } else {
      // A number or boolean followed by more text: evtx_dump fails the record; keep both.
      this.replace(valueText(current as JsonValue) + valueText(text));
    }
  }

  private replace(v: unknown): void {
    put(this.holder, this.key, v);
  }

  private insertWithoutAttributes(name: string): void {
    this.stack.push(name);
    const parent = this.parent();
    const old = parent[name];
    put(parent, name, null);
    if (old !== null && old !== undefined && !isEmptyObject(old))
      this.moveToFreeSlot(parent, name, old);
  }

  private insertWithAttributes(name: string, attrNames: string[], attrValues: JsonValue[]): void {
    this.stack.push(name);
    let attributes: JsonObject | null = null;
    for (let i = 0; i < attrNames.length; i++) {
      const v = attrValues[i];
      if (v === null || v === undefined) continue;
      attributes ??= {};
      put(attributes, attrNames[i]!, v);
    }
    const parent = this.parent();
    if (attributes === null) {
      put(parent, name, null);
      return;
    }
    const old = parent[name];
    put(parent, name, null);
    if (isObject(old) && !isEmptyObject(old)) this.moveToFreeSlot(parent, name, old);
    put(parent, name, { '#attributes': attributes });
  }

  private moveToFreeSlot(parent: JsonObject, name: string, old: unknown): void {
    let slot = 1;
    while (hasOwn(parent, `${name}_${slot}`)) slot++;
    put(parent, `${name}_${slot}`, old);
  }

  /** The object holding the top of the stack, creating the path as evtx does. */
  private parent(): JsonObject {
    this.walk(this.stack.length);
    return this.holder;
  }

  /**
   * Follows the first `depth` names from the root, creating missing levels the way evtx's
   * `get_or_create_current_path` does: a NULL level becomes an object, a scalar level is
   * wrapped as `{name: scalar}`.
   */
  private walk(depth: number): void {
    let holder = this.root;
    let key = '';
    let v: unknown = this.root;
    for (let i = 0; i < depth; i++) {
      const name = this.stack[i]!;
      if (!isObject(v) || !hasOwn(v, name)) {
        if (v === null) {
          const created: JsonObject = {};
          put(created, name, {});
          put(holder, key, created);
          v = created;
        } else if (!isObject(v)) {
          const created: JsonObject = {};
          put(created, name, v);
          put(holder, key, created);
          v = created;
        } else {
          put(v, name, {});
        }
      }
      holder = v as JsonObject;
      key = name;
      v = holder[name];
    }
    this.holder = holder;
    this.key = key;
    this.value = v;
  }
}
