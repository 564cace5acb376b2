import { Body, Controller, Get, Post } from '@nestjs/common';

type Item = { id: number; name: string };

@Controller()
export class AppController {
  private items: Item[] = [];

  @Get()
  getHello(): string {
    return 'Hello World!';
  }

  @Get('items')
  findAll(): Item[] {
    return this.items;
  }

  @Post('items')
  create(@Body() body: { name: string }): Item {
    const item = { id: this.items.length + 1, name: body.name };
    this.items.push(item);
    return item;
  }
}
