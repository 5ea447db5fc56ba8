// The small building blocks every schema file shares: bounded ids, integers, finite numbers.
import * as v from 'valibot';

/** Longest id or name a message may carry: Docker ids are 64 hex digits, names far shorter. */
export const MAX_ID = 512;

/** A Docker id or name: never empty, never huge. */
export const id = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID));
export const int = v.pipe(v.number(), v.integer());
/** NaN and Infinity survive no JSON round trip, so a finite number is all that may arrive. */
export const finite = v.pipe(v.number(), v.finite());
export const nullableString = v.nullable(v.string());
export const nullableInt = v.nullable(int);
export const stringMap = v.record(v.string(), v.string());

export const ProtocolSchema = v.picklist(['tcp', 'udp', 'sctp']);
export const FamilySchema = v.picklist(['ipv4', 'ipv6']);
