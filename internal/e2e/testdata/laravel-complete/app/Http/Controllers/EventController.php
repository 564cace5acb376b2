<?php

namespace App\Http\Controllers;

use App\Http\Requests\StoreEventRequest;
use App\Http\Requests\UpdateEventRequest;
use App\Http\Resources\EventResource;
use App\Models\Event;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;
use Illuminate\Http\Resources\Json\AnonymousResourceCollection;
use OpenApi\Attributes as OA;

class EventController extends Controller
{
    #[OA\Get(path: '/api/events', summary: 'List upcoming events, 20 a page', tags: ['events'],
        parameters: [new OA\Parameter(name: 'page', in: 'query', schema: new OA\Schema(type: 'integer'))],
        responses: [
            new OA\Response(response: 200, description: 'A page of events'),
            new OA\Response(response: 429, description: 'Too many requests'),
        ])]
    public function index(Request $request): AnonymousResourceCollection
    {
        $events = Event::with('venue')
            ->where('starts_at', '>=', now())
            ->orderBy('starts_at')
            ->paginate(20);

        return EventResource::collection($events);
    }

    #[OA\Get(path: '/api/events/{event}', summary: 'One event with its venue', tags: ['events'],
        responses: [
            new OA\Response(response: 200, description: 'The event'),
            new OA\Response(response: 404, description: 'No such event'),
        ])]
    public function show(Event $event): EventResource
    {
        return new EventResource($event->load('venue'));
    }

    #[OA\Post(path: '/api/events', summary: 'Announce an event at a venue', tags: ['events'], security: [['sanctum' => []]],
        responses: [
            new OA\Response(response: 201, description: 'Event created'),
            new OA\Response(response: 401, description: 'Not authenticated'),
            new OA\Response(response: 422, description: 'Invalid input'),
        ])]
    public function store(StoreEventRequest $request): JsonResponse
    {
        $event = $request->user()->events()->create($request->validated());

        return (new EventResource($event))->response()->setStatusCode(201);
    }

    #[OA\Put(path: '/api/events/{event}', summary: 'Change an event', tags: ['events'], security: [['sanctum' => []]],
        responses: [
            new OA\Response(response: 200, description: 'Event updated'),
            new OA\Response(response: 403, description: 'Not the organiser'),
            new OA\Response(response: 404, description: 'No such event'),
            new OA\Response(response: 422, description: 'Invalid input'),
        ])]
    public function update(UpdateEventRequest $request, Event $event): EventResource
    {
        $event->update($request->validated());

        return new EventResource($event);
    }

    #[OA\Delete(path: '/api/events/{event}', summary: 'Cancel an event', tags: ['events'], security: [['sanctum' => []]],
        responses: [
            new OA\Response(response: 204, description: 'Event cancelled'),
            new OA\Response(response: 403, description: 'Not the organiser'),
            new OA\Response(response: 404, description: 'No such event'),
        ])]
    public function destroy(Request $request, Event $event): JsonResponse
    {
        abort_unless($event->organiser_id === $request->user()->id, 403, 'Only the organiser may cancel an event.');
        $event->delete();

        return response()->json(null, 204);
    }
}
