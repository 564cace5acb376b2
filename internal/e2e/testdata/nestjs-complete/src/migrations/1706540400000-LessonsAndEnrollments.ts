import { MigrationInterface, QueryRunner } from 'typeorm';

export class LessonsAndEnrollments1706540400000 implements MigrationInterface {
  name = 'LessonsAndEnrollments1706540400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "lessons" ("id" SERIAL PRIMARY KEY, "title" character varying NOT NULL, "position" integer NOT NULL, "courseId" integer NOT NULL REFERENCES "courses"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE TABLE "enrollments" ("id" SERIAL PRIMARY KEY, "enrolled_at" TIMESTAMP NOT NULL DEFAULT now(), "studentId" integer NOT NULL REFERENCES "users"("id") ON DELETE CASCADE, "courseId" integer NOT NULL REFERENCES "courses"("id") ON DELETE CASCADE, CONSTRAINT "UQ_enrollment" UNIQUE ("studentId", "courseId"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "enrollments"`);
    await queryRunner.query(`DROP TABLE "lessons"`);
  }
}
