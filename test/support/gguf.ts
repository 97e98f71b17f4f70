/**
 * Reads the key/value metadata of a GGUF file (llama.cpp's model format): enough to get a
 * tokenizer's vocabulary out of the vocab-only files in test/fixtures/vocab, which hold no
 * tensors. Layout (little-endian): magic `GGUF`, uint32 version (2 or 3), uint64 tensor count,
 * uint64 key/value count, then each key as a GGUF string (uint64 byte length + UTF-8), a
 * uint32 value type and the value; arrays are a uint32 element type, a uint64 count and the
 * elements.
 */
import * as fs from 'node:fs';

export type GgufValue = number | bigint | boolean | string | GgufValue[];

/** Value type ids from the GGUF specification (ggml `gguf_type`). */
const enum GgufType {
  Uint8 = 0,
  Int8 = 1,
  Uint16 = 2,
  Int16 = 3,
  Uint32 = 4,
  Int32 = 5,
  Float32 = 6,
  Bool = 7,
  String = 8,
  Array = 9,
  Uint64 = 10,
  Int64 = 11,
  Float64 = 12,
}

/** The metadata of the GGUF file at `path`, key by key. */
export function readGgufMetadata(path: string): Map<string, GgufValue> {
  const reader = new Reader(fs.readFileSync(path));
  const magic = reader.bytes(4).toString('latin1');
  if (magic !== 'GGUF')
    throw new Error(`${path}: not a GGUF file (magic ${JSON.stringify(magic)})`);
  const version = reader.uint32();
  if (version < 2) throw new Error(`${path}: GGUF version ${version} has 32-bit counts; not read`);
  reader.uint64(); // tensor count: the tensor infos follow the metadata and are not needed
  const count = Number(reader.uint64());
  const metadata = new Map<string, GgufValue>();
  for (let i = 0; i < count; i++) {
    const key = reader.string();
    metadata.set(key, reader.value(reader.uint32()));
  }
  return metadata;
}

/** `tokenizer.ggml.tokens` and `tokenizer.ggml.token_type` of a vocab file. */
export function readVocabulary(path: string): { tokens: string[]; types: number[] } {
  const metadata = readGgufMetadata(path);
  const tokens = metadata.get('tokenizer.ggml.tokens');
  const types = metadata.get('tokenizer.ggml.token_type');
  if (!Array.isArray(tokens) || !tokens.every((t) => typeof t === 'string')) {
    throw new Error(`${path}: no tokenizer.ggml.tokens string array`);
  }
  return {
    tokens: tokens as string[],
    types: Array.isArray(types) ? types.map((t) => Number(t)) : [],
  };
}

class Reader {
  private at = 0;

  constructor(private readonly buffer: Buffer) {}

  bytes(n: number): Buffer {
    if (this.at + n > this.buffer.length) throw new Error('GGUF file ends early');
    const slice = this.buffer.subarray(this.at, this.at + n);
    this.at += n;
    return slice;
  }

  uint32(): number {
    return this.bytes(4).readUInt32LE(0);
  }

  uint64(): bigint {
    return this.bytes(8).readBigUInt64LE(0);
  }

  string(): string {
    return this.bytes(Number(this.uint64())).toString('utf8');
  }

  value(type: number): GgufValue {
    switch (type as GgufType) {
      case GgufType.Uint8:
        return this.bytes(1).readUInt8(0);
      case GgufType.Int8:
        return this.bytes(1).readInt8(0);
      case GgufType.Uint16:
        return this.bytes(2).readUInt16LE(0);
      case GgufType.Int16:
        return this.bytes(2).readInt16LE(0);
      case GgufType.Uint32:
        return this.uint32();
      case GgufType.Int32:
        return this.bytes(4).readInt32LE(0);
      case GgufType.Float32:
        return this.bytes(4).readFloatLE(0);
      case GgufType.Bool:
        return this.bytes(1).readUInt8(0) !== 0;
      case GgufType.String:
        return this.string();
      case GgufType.Array: {
        const elementType = this.uint32();
        const length = Number(this.uint64());
        return Array.from({ length }, () => this.value(elementType));
      }
      case GgufType.Uint64:
        return this.uint64();
      case GgufType.Int64:
        return this.bytes(8).readBigInt64LE(0);
      case GgufType.Float64:
        return this.bytes(8).readDoubleLE(0);
      default:
        throw new Error(`unknown GGUF value type ${type}`);
    }
  }
}
