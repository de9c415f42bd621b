// Moved to lib/formats/violations.ts (formats shape bodies that carry violations); kept for imports in flight.
export * from '../formats/violations.js';
