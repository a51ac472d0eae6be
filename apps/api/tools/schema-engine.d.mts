import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

export interface SchemaEngineHandle {
  engine: {
    applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
    [method: string]: unknown;
  };
  dispose(): Promise<void>;
}

export function createSchemaEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  schemaFiles?: { path: string; content: string }[],
  options?: { debug?: boolean },
): Promise<SchemaEngineHandle>;
