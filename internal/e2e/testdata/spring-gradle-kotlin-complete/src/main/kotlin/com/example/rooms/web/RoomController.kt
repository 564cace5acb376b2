package com.example.rooms.web

import com.example.rooms.domain.Booking
import com.example.rooms.domain.BookingRepository
import com.example.rooms.domain.Room
import com.example.rooms.domain.RoomRepository
import com.example.rooms.domain.UserRepository
import io.swagger.v3.oas.annotations.Operation
import io.swagger.v3.oas.annotations.tags.Tag
import jakarta.validation.Valid
import jakarta.validation.constraints.Future
import jakarta.validation.constraints.NotBlank
import jakarta.validation.constraints.Positive
import java.time.Instant
import org.springframework.data.domain.Page
import org.springframework.data.domain.Pageable
import org.springframework.data.repository.findByIdOrNull
import org.springframework.data.web.PageableDefault
import org.springframework.http.HttpStatus
import org.springframework.security.core.annotation.AuthenticationPrincipal
import org.springframework.transaction.annotation.Transactional
import org.springframework.web.bind.annotation.*
import org.springframework.web.server.ResponseStatusException

data class RoomRequest(@field:NotBlank val name: String, @field:Positive val seats: Int)

data class RoomResponse(val id: Long, val name: String, val seats: Int, val ownerId: Long) {
    companion object {
        fun of(r: Room) = RoomResponse(r.id!!, r.name, r.seats, r.owner.id!!)
    }
}

data class BookingRequest(@field:Future val startsAt: Instant, @field:Future val endsAt: Instant)

data class BookingResponse(val id: Long, val roomId: Long, val startsAt: Instant, val endsAt: Instant) {
    companion object {
        fun of(b: Booking) = BookingResponse(b.id!!, b.room.id!!, b.startsAt, b.endsAt)
    }
}

@RestController
@RequestMapping("/api")
@Tag(name = "rooms")
class RoomController(
    private val rooms: RoomRepository,
    private val bookings: BookingRepository,
    private val users: UserRepository,
) {

    @GetMapping("/rooms")
    @Operation(summary = "List rooms, a page at a time")
    fun list(@PageableDefault(size = 20, sort = ["name"]) pageable: Pageable): Page<RoomResponse> =
        rooms.findAll(pageable).map(RoomResponse::of)

    @GetMapping("/rooms/{id}")
    @Operation(summary = "Get a room")
    fun get(@PathVariable id: Long) = RoomResponse.of(find(id))

    @PostMapping("/rooms")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a room")
    fun create(@Valid @RequestBody body: RoomRequest, @AuthenticationPrincipal userId: Long): RoomResponse =
        RoomResponse.of(rooms.save(Room(body.name, body.seats, users.getReferenceById(userId))))

    @PutMapping("/rooms/{id}")
    @Transactional
    @Operation(summary = "Update a room you own")
    fun update(@PathVariable id: Long, @Valid @RequestBody body: RoomRequest, @AuthenticationPrincipal userId: Long): RoomResponse {
        val room = owned(id, userId)
        room.name = body.name
        room.seats = body.seats
        return RoomResponse.of(room)
    }

    @DeleteMapping("/rooms/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a room you own")
    fun delete(@PathVariable id: Long, @AuthenticationPrincipal userId: Long) = rooms.delete(owned(id, userId))

    @PostMapping("/rooms/{id}/bookings")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Book a room")
    fun book(@PathVariable id: Long, @Valid @RequestBody body: BookingRequest, @AuthenticationPrincipal userId: Long): BookingResponse {
        if (!body.endsAt.isAfter(body.startsAt)) {
            throw ResponseStatusException(HttpStatus.BAD_REQUEST, "A booking must end after it starts")
        }
        val room = find(id)
        if (bookings.existsByRoomIdAndStartsAtLessThanAndEndsAtGreaterThan(id, body.endsAt, body.startsAt)) {
            throw ResponseStatusException(HttpStatus.CONFLICT, "The room is already booked then")
        }
        return BookingResponse.of(bookings.save(Booking(room, users.getReferenceById(userId), body.startsAt, body.endsAt)))
    }

    @GetMapping("/bookings")
    @Operation(summary = "List my bookings")
    fun myBookings(@AuthenticationPrincipal userId: Long) = bookings.findByGuestId(userId).map(BookingResponse::of)

    @DeleteMapping("/bookings/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Cancel a booking")
    fun cancel(@PathVariable id: Long, @AuthenticationPrincipal userId: Long) {
        val booking = bookings.findByIdOrNull(id)?.takeIf { it.guest.id == userId }
            ?: throw ResponseStatusException(HttpStatus.NOT_FOUND, "Booking not found")
        bookings.delete(booking)
    }

    private fun find(id: Long): Room =
        rooms.findByIdOrNull(id) ?: throw ResponseStatusException(HttpStatus.NOT_FOUND, "Room not found")

    private fun owned(id: Long, userId: Long): Room {
        val room = find(id)
        if (room.owner.id != userId) {
            throw ResponseStatusException(HttpStatus.FORBIDDEN, "Not your room")
        }
        return room
    }
}
