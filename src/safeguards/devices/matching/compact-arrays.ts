// Growable typed arrays and a string interner: the NVD index holds ~1.5M criteria, and plain
// JS objects per criteria would cost ~10x the memory of these columns.

export class U32Column {
  data = new Uint32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  get(i: number): number {
    return this.data[i] as number;
  }
  /** Releases the spare capacity once building is over. */
  trim(): void {
    this.data = this.data.slice(0, this.length);
  }
}

export class U8Column {
  data = new Uint8Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Uint8Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  get(i: number): number {
    return this.data[i] as number;
  }
  trim(): void {
    this.data = this.data.slice(0, this.length);
  }
}

/** Maps strings to dense ids; id 0 is reserved for "none". */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [''];
  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
  /** The id of a known string, or 0 when it was never interned. */
  find(value: string): number {
    return this.ids.get(value) ?? 0;
  }
  value(id: number): string {
    return this.values[id] ?? '';
  }
  get size(): number {
    return this.values.length - 1;
  }
}
