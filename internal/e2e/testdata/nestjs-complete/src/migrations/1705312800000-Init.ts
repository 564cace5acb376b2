import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1705312800000 implements MigrationInterface {
  name = 'Init1705312800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "users" ("id" SERIAL PRIMARY KEY, "email" character varying NOT NULL UNIQUE, "password_hash" character varying NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "courses" ("id" SERIAL PRIMARY KEY, "title" character varying NOT NULL, "description" text NOT NULL DEFAULT '', "teacherId" integer NOT NULL REFERENCES "users"("id") ON DELETE CASCADE)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "courses"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
