import { FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Page = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});
const NoteBody = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  body: Type.Optional(Type.String({ maxLength: 10000 })),
});
const TagBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 40 }) });
const NotFound = Type.Object({ error: Type.String() });
const secured = { security: [{ bearerAuth: [] }], tags: ['notes'] };

const noteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const own = async (userId: number, id: number) =>
    app.prisma.note.findFirstOrThrow({ where: { id, authorId: userId } });

  app.get('/notes', {
    onRequest: [app.authenticate],
    schema: { ...secured, summary: 'List my notes', querystring: Page },
  }, async (request) => {
    const { limit, offset } = request.query;
    const items = await app.prisma.note.findMany({
      where: { authorId: request.user.sub }, orderBy: { id: 'asc' }, take: limit, skip: offset,
    });
    return { items, limit, offset };
  });

  app.post('/notes', {
    onRequest: [app.authenticate],
    schema: { ...secured, summary: 'Create a note', body: NoteBody },
  }, async (request, reply) => {
    const note = await app.prisma.note.create({ data: { ...request.body, authorId: request.user.sub } });
    return reply.code(201).send(note);
  });

  app.get('/notes/:id', {
    onRequest: [app.authenticate],
    schema: { ...secured, summary: 'Get a note', params: IdParams, response: { 404: NotFound } },
  }, async (request) => own(request.user.sub, request.params.id));

  app.patch('/notes/:id', {
    onRequest: [app.authenticate],
    schema: { ...secured, summary: 'Update a note', params: IdParams, body: Type.Partial(NoteBody), response: { 404: NotFound } },
  }, async (request) => {
    await own(request.user.sub, request.params.id);
    return app.prisma.note.update({ where: { id: request.params.id }, data: request.body });
  });

  app.delete('/notes/:id', {
    onRequest: [app.authenticate],
    schema: { ...secured, summary: 'Delete a note', params: IdParams, response: { 404: NotFound } },
  }, async (request, reply) => {
    await own(request.user.sub, request.params.id);
    await app.prisma.note.delete({ where: { id: request.params.id } });
    return reply.code(204).send();
  });

  app.get('/notes/:id/tags', {
    onRequest: [app.authenticate],
    schema: { ...secured, summary: "List a note's tags", params: IdParams, response: { 404: NotFound } },
  }, async (request) => {
    await own(request.user.sub, request.params.id);
    return app.prisma.tag.findMany({ where: { noteId: request.params.id } });
  });

  app.post('/notes/:id/tags', {
    onRequest: [app.authenticate],
    schema: { ...secured, summary: 'Tag a note', params: IdParams, body: TagBody, response: { 404: NotFound, 409: NotFound } },
  }, async (request, reply) => {
    await own(request.user.sub, request.params.id);
    const tag = await app.prisma.tag.create({ data: { name: request.body.name, noteId: request.params.id } });
    return reply.code(201).send(tag);
  });

  app.delete('/tags/:id', {
    onRequest: [app.authenticate],
    schema: { ...secured, summary: 'Remove a tag', params: IdParams, response: { 404: NotFound } },
  }, async (request, reply) => {
    const tag = await app.prisma.tag.findFirst({ where: { id: request.params.id, note: { authorId: request.user.sub } } });
    if (!tag) {
      return reply.code(404).send({ error: 'not found' });
    }
    await app.prisma.tag.delete({ where: { id: tag.id } });
    return reply.code(204).send();
  });
};

export default noteRoutes;
