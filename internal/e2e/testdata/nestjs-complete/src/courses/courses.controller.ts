import {
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { Repository } from 'typeorm';
import { JwtAuthGuard } from '../auth/auth.controller';
import { Course, Enrollment, Lesson } from './entities';

class PageQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit = 20;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset = 0;
}

class CourseDto {
  @IsString() @Length(3, 120)
  title: string;

  @IsOptional() @IsString()
  description?: string;
}

class LessonDto {
  @IsString() @Length(1, 200)
  title: string;

  @IsInt() @Min(0)
  position: number;
}

type AuthRequest = { user: { sub: number } };

@ApiTags('courses')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@Controller()
export class CoursesController {
  constructor(
    @InjectRepository(Course) private readonly courses: Repository<Course>,
    @InjectRepository(Lesson) private readonly lessons: Repository<Lesson>,
    @InjectRepository(Enrollment) private readonly enrollments: Repository<Enrollment>,
  ) {}

  @Get('courses')
  @ApiOperation({ summary: 'List courses, a page at a time' })
  async list(@Query() page: PageQuery) {
    const [items, total] = await this.courses.findAndCount({ take: page.limit, skip: page.offset, order: { id: 'ASC' } });
    return { items, total, limit: page.limit, offset: page.offset };
  }

  @Post('courses')
  @ApiOperation({ summary: 'Create a course you teach' })
  create(@Body() dto: CourseDto, @Req() req: AuthRequest) {
    return this.courses.save({ ...dto, teacher: { id: req.user.sub } });
  }

  @Get('courses/:id')
  @ApiOperation({ summary: 'Get a course with its lessons' })
  @ApiNotFoundResponse()
  async get(@Param('id', ParseIntPipe) id: number) {
    const course = await this.courses.findOne({ where: { id }, relations: { lessons: true } });
    if (!course) throw new NotFoundException('Course not found');
    return course;
  }

  @Delete('courses/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a course you teach' })
  @ApiNotFoundResponse()
  async remove(@Param('id', ParseIntPipe) id: number, @Req() req: AuthRequest) {
    await this.courses.remove(await this.owned(id, req.user.sub));
  }

  @Post('courses/:id/lessons')
  @ApiOperation({ summary: 'Add a lesson to a course you teach' })
  async addLesson(@Param('id', ParseIntPipe) id: number, @Body() dto: LessonDto, @Req() req: AuthRequest) {
    return this.lessons.save({ ...dto, course: await this.owned(id, req.user.sub) });
  }

  @Delete('lessons/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a lesson' })
  @ApiNotFoundResponse()
  async removeLesson(@Param('id', ParseIntPipe) id: number, @Req() req: AuthRequest) {
    const lesson = await this.lessons.findOne({ where: { id }, relations: { course: { teacher: true } } });
    if (!lesson) throw new NotFoundException('Lesson not found');
    if (lesson.course.teacher.id !== req.user.sub) throw new ForbiddenException();
    await this.lessons.remove(lesson);
  }

  @Post('courses/:id/enrollments')
  @ApiOperation({ summary: 'Enrol in a course' })
  async enrol(@Param('id', ParseIntPipe) id: number, @Req() req: AuthRequest) {
    return this.enrollments.save({ course: { id }, student: { id: req.user.sub } });
  }

  @Get('enrollments')
  @ApiOperation({ summary: 'List my enrolments' })
  myEnrollments(@Req() req: AuthRequest) {
    return this.enrollments.find({ where: { student: { id: req.user.sub } }, relations: { course: true } });
  }

  private async owned(id: number, userId: number): Promise<Course> {
    const course = await this.courses.findOne({ where: { id }, relations: { teacher: true } });
    if (!course) throw new NotFoundException('Course not found');
    if (course.teacher.id !== userId) throw new ForbiddenException('Not your course');
    return course;
  }
}
