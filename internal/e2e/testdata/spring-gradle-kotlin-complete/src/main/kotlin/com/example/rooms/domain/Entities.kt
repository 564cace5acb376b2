package com.example.rooms.domain

import jakarta.persistence.*
import java.time.Instant
import org.springframework.data.jpa.repository.JpaRepository

@Entity
@Table(name = "users")
class AppUser(
    @Column(nullable = false, unique = true)
    var email: String,

    @Column(name = "password_hash", nullable = false)
    var passwordHash: String,

    @Id @GeneratedValue(strategy = GenerationType.IDENTITY)
    var id: Long? = null,
)

@Entity
@Table(name = "rooms")
class Room(
    var name: String,
    var seats: Int,

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "owner_id")
    var owner: AppUser,

    @OneToMany(mappedBy = "room", cascade = [CascadeType.ALL], orphanRemoval = true)
    var bookings: MutableList<Booking> = mutableListOf(),

    @Id @GeneratedValue(strategy = GenerationType.IDENTITY)
    var id: Long? = null,
)

@Entity
@Table(name = "bookings")
class Booking(
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "room_id")
    var room: Room,

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "guest_id")
    var guest: AppUser,

    @Column(name = "starts_at")
    var startsAt: Instant,

    @Column(name = "ends_at")
    var endsAt: Instant,

    @Id @GeneratedValue(strategy = GenerationType.IDENTITY)
    var id: Long? = null,
)

interface UserRepository : JpaRepository<AppUser, Long> {
    fun findByEmail(email: String): AppUser?
}

interface RoomRepository : JpaRepository<Room, Long>

interface BookingRepository : JpaRepository<Booking, Long> {
    fun findByGuestId(guestId: Long): List<Booking>
    fun existsByRoomIdAndStartsAtLessThanAndEndsAtGreaterThan(roomId: Long, end: Instant, start: Instant): Boolean
}
