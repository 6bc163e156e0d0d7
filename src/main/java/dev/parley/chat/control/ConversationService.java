package dev.parley.chat.control;

import dev.parley.accounts.entity.Account;
import dev.parley.accounts.entity.Role;
import dev.parley.chat.control.ChatEvents.MarkedUnread;
import dev.parley.chat.control.ChatEvents.MembershipChanged;
import dev.parley.chat.control.ChatFrames.ConversationState;
import dev.parley.chat.entity.Conversation;
import dev.parley.chat.entity.ConversationId;
import dev.parley.chat.entity.Membership;
import dev.parley.chat.entity.MessageChange;
import dev.parley.chat.entity.MembershipKey;
import dev.parley.platform.db.IntegrityViolation;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.retry.Retry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Rooms, direct conversations and who belongs to them. One use case per transaction. */
@ApplicationScoped
public class ConversationService {

    @PersistenceContext(unitName = "parley")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<MembershipChanged> membershipChanged;

    @Inject
    Event<MarkedUnread> markedUnread;

    /** A room with its members, as the REST API shows it. */
    public record RoomInfo(Conversation room, List<String> members) {
    }

    /** This bean through its proxy, so that a retry runs in a transaction of its own. */
    @Inject
    ConversationService self;

    /**
     * {@code join}: creates the room as public if it does not exist; any user may join a public room,
     * only members a private one. Joining again is harmless. Two users creating the same room at once
     * (or one user joining from two sockets) race on the primary key; the loser simply tries again.
     */
    public ConversationId join(String user, String slug) {
        ConversationId id = ConversationId.room(slug);
        return Retry.onRace(3, IntegrityViolation::in, () -> self.joinOnce(user, id));
    }

    /** A member adds someone to a room (for public rooms anyone may add themself by joining). */
    public RoomInfo addToRoom(String caller, String slug, String user) {
        return Retry.onRace(3, IntegrityViolation::in, () -> self.addToRoomOnce(caller, slug, user));
    }

    @Transactional
    public ConversationId joinOnce(String user, ConversationId id) {
        Conversation room = em.find(Conversation.class, id.value());
        if (room == null) {
            room = Conversation.room(id, Conversation.Visibility.PUBLIC, null, user, clock.instant());
            em.persist(room);
            em.flush();
        } else if (isMember(id, user)) {
            return id;
        } else {
            room.checkMayJoin();
        }
        addMember(room, user);
        return id;
    }

    /** {@code leave}: ends the membership (leaving a room one is not in is harmless). */
    @Transactional
    public ConversationId leave(String user, String slug) {
        ConversationId id = ConversationId.room(slug);
        if (em.find(Conversation.class, id.value()) == null) {
            throw ParleyException.notFound("no room:" + slug);
        }
        removeMember(id, user);
        return id;
    }

    /** Creates a room over REST with its first members (the creator always among them). */
    @Transactional
    public RoomInfo createRoom(String creator, String slug, String title, boolean isPrivate, List<String> members) {
        ConversationId id = ConversationId.room(slug);
        Set<String> everyone = new LinkedHashSet<>();
        everyone.add(creator);
        everyone.addAll(members);
        for (String member : everyone) {
            requireAccount(member);
        }
        if (em.find(Conversation.class, id.value()) != null) {
            throw ParleyException.conflict("room:" + slug + " already exists");
        }
        Conversation room = Conversation.room(id,
                isPrivate ? Conversation.Visibility.PRIVATE : Conversation.Visibility.PUBLIC, title, creator, clock.instant());
        try {
            em.persist(room);
            em.flush();
        } catch (PersistenceException e) {
            if (!IntegrityViolation.in(e)) {
                throw e;
            }
            throw ParleyException.conflict("room:" + slug + " already exists");
        }
        everyone.forEach(member -> addMember(room, member));
        return new RoomInfo(room, List.copyOf(everyone));
    }

    @Transactional
    public RoomInfo addToRoomOnce(String caller, String slug, String user) {
        Conversation room = requireRoom(slug);
        room.checkMayAdd(isMember(room.id(), caller));
        requireAccount(user);
        if (!isMember(room.id(), user)) {
            addMember(room, user);
        }
        return new RoomInfo(room, members(room.id()));
    }

    /** Removes someone from a room: oneself always; others only as the room's creator or an admin. */
    @Transactional
    public void removeFromRoom(String caller, Set<Role> callerRoles, String slug, String user) {
        Conversation room = requireRoom(slug);
        room.checkMayRemove(caller, callerRoles.contains(Role.ADMIN), user);
        if (!isMember(room.id(), user)) {
            throw ParleyException.notFound(user + " is not a member of room:" + slug);
        }
        removeMember(room.id(), user);
    }

    /**
     * "Mark as unread": the member's read position moves back to just before the message at
     * {@code seq} (if it was past it), and their other sockets hear of it.
     *
     * @return the read position and unread count now
     */
    @Transactional
    public ChatFrames.Marked markUnread(String user, ConversationId id, long seq, String originConnection) {
        Conversation conversation = em.find(Conversation.class, id.value());
        if (conversation == null) {
            throw ParleyException.notFound("no " + id);
        }
        Membership membership = em.find(Membership.class, new MembershipKey(id.value(), user), LockModeType.PESSIMISTIC_WRITE);
        if (membership == null) {
            throw ParleyException.forbidden("you are not a member of " + id);
        }
        if (seq < 1 || seq > conversation.lastSeq()) {
            throw ParleyException.badRequest("'seq' must be between 1 and " + conversation.lastSeq() + " in " + id);
        }
        membership.markUnreadFrom(seq);
        long changes = em.createQuery("select count(c) from MessageChange c where c.conversationId = :conversation and c.seq > :read",
                        Long.class)
                .setParameter("conversation", id.value()).setParameter("read", membership.readSeq()).getSingleResult();
        long unread = membership.unread(conversation.lastSeq(), changes);
        markedUnread.fire(new MarkedUnread(id.value(), user, membership.readSeq(), unread, originConnection));
        return new ChatFrames.Marked(null, id.value(), membership.readSeq(), unread);
    }

    /** The room's creator or an admin changes who may mention everyone in it. */
    @Transactional
    public RoomInfo configureRoom(String caller, Set<Role> callerRoles, String slug, Conversation.MentionEveryone mentionEveryone) {
        Conversation room = requireRoom(slug);
        if (!room.isVisibleTo(isMember(room.id(), caller)) && !callerRoles.contains(Role.ADMIN)) {
            throw ParleyException.notFound("no room:" + slug);
        }
        room.setMentionEveryone(mentionEveryone, caller, callerRoles.contains(Role.ADMIN));
        return new RoomInfo(room, members(room.id()));
    }

    /**
     * Whom a message of {@code sender} that mentions everyone ({@code @here}, {@code @channel}, …)
     * reaches: every member of the room if the sender may (see {@link Conversation#mayMentionEveryone}),
     * nobody otherwise (the text stays as it is).
     */
    @Transactional(dontRollbackOn = ParleyException.class)
    public List<String> everyoneMentionedBy(String sender, ConversationId id) {
        Conversation room = em.find(Conversation.class, id.value());
        Account account = em.find(Account.class, sender);
        boolean admin = account != null && account.roles().contains(Role.ADMIN);
        if (room == null || !room.mayMentionEveryone(sender, admin)) {
            return List.of();
        }
        return members(id);
    }

    /** A room's details for someone allowed to see them (public room, or member); 404 otherwise. */
    @Transactional(dontRollbackOn = ParleyException.class)
    public RoomInfo room(String caller, String slug) {
        Conversation room = requireRoom(slug);
        if (!room.isVisibleTo(isMember(room.id(), caller))) {
            throw ParleyException.notFound("no room:" + slug);
        }
        return new RoomInfo(room, members(room.id()));
    }

    /** The directory: public rooms, and private rooms the caller belongs to, with member counts. */
    @Transactional(dontRollbackOn = ParleyException.class)
    public List<RoomListing> directory(String caller) {
        Map<String, Conversation> rooms = new TreeMap<>();
        for (Conversation room : em.createNamedQuery(Conversation.PUBLIC_ROOMS, Conversation.class).getResultList()) {
            rooms.put(room.id().value(), room);
        }
        Set<String> mine = new HashSet<>();
        for (Object[] row : em.createNamedQuery(Membership.OF_USER, Object[].class).setParameter("user", caller).getResultList()) {
            Conversation conversation = (Conversation) row[1];
            if (conversation.kind() == Conversation.Kind.ROOM) {
                rooms.put(conversation.id().value(), conversation);
                mine.add(conversation.id().value());
            }
        }
        Map<String, Long> counts = new HashMap<>();
        if (!rooms.isEmpty()) {
            for (Object[] row : em.createNamedQuery(Membership.COUNT, Object[].class)
                    .setParameter("conversations", rooms.keySet()).getResultList()) {
                counts.put((String) row[0], (Long) row[1]);
            }
        }
        List<RoomListing> listing = new ArrayList<>();
        for (Conversation room : rooms.values()) {
            listing.add(new RoomListing(room.id().value(), room.id().slug(), room.title(),
                    room.visibility().name().toLowerCase(Locale.ROOT),
                    counts.getOrDefault(room.id().value(), 0L), mine.contains(room.id().value())));
        }
        return listing;
    }

    public record RoomListing(String id, String slug, String title, String visibility, long members, boolean member) {
    }

    /**
     * Every conversation of the user with its last seq and unread count. Changes (edits, reactions)
     * take seqs too but are not unread messages: the count leaves out those after the read position.
     */
    @Transactional
    public List<ConversationState> statesOf(String user) {
        Map<String, Long> changesUnread = new HashMap<>();
        em.createNamedQuery(MessageChange.UNREAD, Object[].class).setParameter("user", user).getResultList()
                .forEach(row -> changesUnread.put((String) row[0], ((Number) row[1]).longValue()));
        List<ConversationState> states = new ArrayList<>();
        for (Object[] row : em.createNamedQuery(Membership.OF_USER, Object[].class).setParameter("user", user).getResultList()) {
            Membership membership = (Membership) row[0];
            Conversation conversation = (Conversation) row[1];
            ConversationId id = conversation.id();
            states.add(new ConversationState(id.value(), conversation.kind().name().toLowerCase(Locale.ROOT), conversation.title(),
                    id.isRoom() ? id.slug() : null, id.isDirect() ? id.peerOf(user) : null,
                    conversation.lastSeq(), membership.unread(conversation.lastSeq(), changesUnread.getOrDefault(id.value(), 0L)),
                    membership.readSeq()));
        }
        return states;
    }

    /**
     * The direct conversation between two users, created (with both as members) on first use.
     *
     * @throws ParleyException not_found if the other user does not exist
     */
    @Transactional
    public ConversationId ensureDirect(String user, String other) {
        ConversationId id = ConversationId.direct(user, other);
        if (em.find(Conversation.class, id.value()) != null) {
            return id;
        }
        requireAccount(other);
        Conversation direct = Conversation.direct(id, clock.instant());
        em.persist(direct);
        for (String participant : id.participants()) {
            addMember(direct, participant);
        }
        em.flush();
        return id;
    }

    /**
     * Checks that the user may read and write the conversation.
     *
     * @return the conversation, or empty for a direct conversation of the user's that nobody has
     *         written to yet (it has no messages, and is created by the first send)
     * @throws ParleyException not_found for an unknown room or user, forbidden for a non-member
     */
    @Transactional(dontRollbackOn = ParleyException.class)
    public Optional<Conversation> requireAccess(String user, ConversationId id) {
        Conversation conversation = em.find(Conversation.class, id.value());
        if (conversation == null) {
            if (!id.isDirect()) {
                throw ParleyException.notFound("no " + id);
            }
            if (!id.participants().contains(user)) {
                throw ParleyException.forbidden("you are not part of " + id);
            }
            id.participants().forEach(this::requireAccount);
            return Optional.empty();
        }
        if (!isMember(id, user)) {
            throw ParleyException.forbidden("you are not a member of " + id);
        }
        return Optional.of(conversation);
    }

    @Transactional(dontRollbackOn = ParleyException.class)
    public boolean exists(ConversationId id) {
        return em.find(Conversation.class, id.value()) != null;
    }

    @Transactional(dontRollbackOn = ParleyException.class)
    public boolean isMember(ConversationId id, String user) {
        return em.find(Membership.class, new MembershipKey(id.value(), user)) != null;
    }

    /**
     * Per conversation, the given members' committed read positions (non-members are left out), in
     * one query. Read as values, without flushing the caller's pending changes first: a caller with a
     * persistence context full of other work (the chat notifier's) pays nothing for it here.
     */
    @Transactional
    public Map<ConversationId, Map<String, Long>> readPositions(Map<ConversationId, ? extends Collection<String>> wanted) {
        Map<ConversationId, Map<String, Long>> positions = new HashMap<>();
        Set<String> users = new HashSet<>();
        wanted.values().forEach(users::addAll);
        if (users.isEmpty()) {
            return positions;
        }
        Map<String, ConversationId> ids = new HashMap<>();
        wanted.keySet().forEach(id -> ids.put(id.value(), id));
        for (Object[] row : em.createQuery("select m.conversationId, m.username, m.readSeq from Membership m "
                        + "where m.conversationId in :conversations and m.username in :users", Object[].class)
                .setParameter("conversations", ids.keySet()).setParameter("users", users)
                .setFlushMode(FlushModeType.COMMIT)
                .getResultList()) {
            ConversationId id = ids.get((String) row[0]);
            if (wanted.get(id).contains((String) row[1])) {
                positions.computeIfAbsent(id, none -> new HashMap<>()).put((String) row[1], (Long) row[2]);
            }
        }
        return positions;
    }

    /** Each given member's committed read position in the conversation (non-members are left out). */
    @Transactional
    public Map<String, Long> readPositions(ConversationId id, Collection<String> users) {
        return readPositions(Map.of(id, users)).getOrDefault(id, new HashMap<>());
    }
    @Transactional
    public List<String> members(ConversationId id) {
        return em.createNamedQuery(Membership.MEMBERS, String.class).setParameter("conversation", id.value()).getResultList();
    }

    /**
     * For each given user, everyone who shares with them a conversation of at most {@code limit}
     * members: those who hear of the user's presence without asking. Three queries whatever the number
     * of users (per chunk of {@link #IN_LIST} names): their conversations, those conversations' sizes,
     * and the members of the small ones. A room of thousands is counted, never listed.
     */
    @Transactional
    public Map<String, Set<String>> presenceAudiences(Collection<String> users, int limit) {
        Map<String, List<String>> conversationsOf = new HashMap<>();
        for (List<String> chunk : chunks(users)) {
            for (Object[] row : em.createNamedQuery(Membership.CONVERSATIONS_OF_USERS, Object[].class)
                    .setParameter("users", chunk).getResultList()) {
                conversationsOf.computeIfAbsent((String) row[1], user -> new ArrayList<>()).add((String) row[0]);
            }
        }
        Set<String> small = new HashSet<>();
        for (List<String> chunk : chunks(conversationsOf.values().stream().flatMap(List::stream).distinct().toList())) {
            for (Object[] row : em.createNamedQuery(Membership.COUNT, Object[].class).setParameter("conversations", chunk).getResultList()) {
                if ((Long) row[1] <= limit) {
                    small.add((String) row[0]);
                }
            }
        }
        Map<String, List<String>> membersOf = new HashMap<>();
        for (List<String> chunk : chunks(small)) {
            for (Object[] row : em.createNamedQuery(Membership.MEMBERS_OF, Object[].class)
                    .setParameter("conversations", chunk).getResultList()) {
                membersOf.computeIfAbsent((String) row[0], conversation -> new ArrayList<>()).add((String) row[1]);
            }
        }
        Map<String, Set<String>> audiences = new HashMap<>();
        for (String user : users) {
            Set<String> audience = new HashSet<>();
            for (String conversation : conversationsOf.getOrDefault(user, List.of())) {
                audience.addAll(membersOf.getOrDefault(conversation, List.of()));
            }
            audience.remove(user);
            audiences.put(user, audience);
        }
        return audiences;
    }

    /** The most names bound in one {@code in} list (PostgreSQL allows 32767 parameters in a statement). */
    static final int IN_LIST = 1000;

    private static List<List<String>> chunks(Collection<String> values) {
        List<String> all = List.copyOf(values);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IN_LIST) {
            chunks.add(all.subList(from, Math.min(all.size(), from + IN_LIST)));
        }
        return chunks;
    }

    private Conversation requireRoom(String slug) {
        Conversation room = em.find(Conversation.class, ConversationId.room(slug).value());
        if (room == null) {
            throw ParleyException.notFound("no room:" + slug);
        }
        return room;
    }

    private void requireAccount(String username) {
        if (username == null || em.find(Account.class, username) == null) {
            throw ParleyException.notFound("no user '" + username + "'");
        }
    }

    private void addMember(Conversation conversation, String user) {
        em.persist(new Membership(conversation.id(), user, clock.instant()));
        membershipChanged.fire(new MembershipChanged(conversation.id().value(), user, true, conversation.lastSeq()));
    }

    private void removeMember(ConversationId id, String user) {
        Membership membership = em.find(Membership.class, new MembershipKey(id.value(), user));
        if (membership != null) {
            em.remove(membership);
            membershipChanged.fire(new MembershipChanged(id.value(), user, false, -1));
        }
    }
}
