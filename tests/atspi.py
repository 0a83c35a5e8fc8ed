"""What a screen reader (Orca) sees of a running program: the AT-SPI accessibility tree, read
over D-Bus from outside the program, with jeepney (no Qt, no pyatspi).

The test session's D-Bus starts the accessibility bus (at-spi2-core's ``at-spi-bus-launcher``
and ``at-spi2-registryd``) on demand; :func:`turn_on` sets ``org.a11y.Status.IsEnabled`` as
Orca does when it starts, which makes Qt programs started afterwards publish their tree.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from jeepney import DBusAddress, MatchRule, Properties, new_method_call
from jeepney.io.blocking import DBusConnection, open_dbus_connection

ACCESSIBLE = "org.a11y.atspi.Accessible"
REGISTRY = ("org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root")
#: AT-SPI's state numbers (atspi-constants.h) that the tests read.
STATE_ENABLED, STATE_FOCUSABLE, STATE_SHOWING = 8, 11, 25
#: Roles a person acts on: each needs a name a screen reader can say.
INTERACTIVE_ROLES = frozenset(
    {
        "push button",
        "toggle button",
        "check box",
        "radio button",
        "combo box",
        "text",
        "password text",
        "spin button",
        "menu item",
        "check menu item",
        "radio menu item",
        "menu",
        "link",
        "slider",
        "page tab",
    }
)


def turn_on(enabled: bool = True) -> str:
    """Turn assistive technology on (off) for this session, as a screen reader does when it
    starts (stops); returns the accessibility bus's address."""
    with open_dbus_connection(bus="SESSION") as session:
        bus = DBusAddress("/org/a11y/bus", bus_name="org.a11y.Bus", interface="org.a11y.Bus")
        status = DBusAddress("/org/a11y/bus", bus_name="org.a11y.Bus", interface="org.a11y.Status")
        session.send_and_get_reply(Properties(status).set("IsEnabled", "b", enabled), timeout=10)
        reply = session.send_and_get_reply(new_method_call(bus, "GetAddress"), timeout=10)
        return str(reply.body[0])


@dataclass
class Node:
    """One accessible object, as a screen reader reads it."""

    role: str
    name: str
    description: str
    states: frozenset[int]
    address: tuple[str, str]
    children: list[Node] = field(default_factory=list)

    def walk(self) -> list[Node]:
        """This node and everything under it."""
        found = [self]
        for child in self.children:
            found += child.walk()
        return found

    @property
    def showing(self) -> bool:
        return STATE_SHOWING in self.states


class Desktop:
    """The accessibility bus: the applications on it and their trees."""

    def __init__(self, address: str) -> None:
        self.connection: DBusConnection = open_dbus_connection(bus=address)

    def close(self) -> None:
        self.connection.close()

    def _call(self, where: tuple[str, str], interface: str, method: str, *args: Any) -> Any:
        signature = args[0] if args else None
        message = new_method_call(
            DBusAddress(where[1], bus_name=where[0], interface=interface),
            method,
            signature,
            tuple(args[1:]),
        )
        return self.connection.send_and_get_reply(message, timeout=10).body

    def _property(self, where: tuple[str, str], name: str) -> Any:
        address = DBusAddress(where[1], bus_name=where[0], interface=ACCESSIBLE)
        return self.connection.send_and_get_reply(Properties(address).get(name), timeout=10).body[
            0
        ][1]

    def node(self, where: tuple[str, str], depth: int = 40) -> Node:
        """The tree under ``where``."""
        (words,) = self._call(where, ACCESSIBLE, "GetState")
        states = frozenset(
            index * 32 + bit
            for index, word in enumerate(words)
            for bit in range(32)
            if word >> bit & 1
        )
        node = Node(
            role=self._call(where, ACCESSIBLE, "GetRoleName")[0],
            name=self._property(where, "Name"),
            description=self._property(where, "Description"),
            states=states,
            address=where,
        )
        if depth:
            for child in self._call(where, ACCESSIBLE, "GetChildren")[0]:
                node.children.append(self.node(tuple(child), depth - 1))  # type: ignore[arg-type]
        return node

    def _pid(self, bus_name: str) -> int | None:
        bus = "org.freedesktop.DBus"
        daemon = DBusAddress("/org/freedesktop/DBus", bus_name=bus, interface=bus)
        reply = self.connection.send_and_get_reply(
            new_method_call(daemon, "GetConnectionUnixProcessID", "s", (bus_name,)), timeout=10
        )
        return int(reply.body[0]) if reply.body and isinstance(reply.body[0], int) else None

    def application(self, pid: int, timeout: float = 30) -> Node:
        """The application of process ``pid``, once it shows a window. Only that process is
        asked: another one on the bus may not answer (this test's own, waiting for the reply)."""
        deadline = time.monotonic() + timeout
        while True:
            for child in self._call(REGISTRY, ACCESSIBLE, "GetChildren")[0]:
                where: tuple[str, str] = tuple(child)  # type: ignore[assignment]
                if self._pid(where[0]) == pid:
                    app = self.node(where)
                    if any(window.showing for window in app.children):
                        return app
            if time.monotonic() > deadline:
                raise AssertionError(f"process {pid} did not appear on the accessibility bus")
            time.sleep(0.2)

    def do_action(self, node: Node, action: str = "Press") -> None:
        """What a screen reader's "activate" does: the node's named action."""
        (actions,) = self._call(node.address, "org.a11y.atspi.Action", "GetActions")
        for index, (name, _description, _keys) in enumerate(actions):
            if name == action:
                self._call(node.address, "org.a11y.atspi.Action", "DoAction", "i", index)
                return
        raise AssertionError(f"{node.role} {node.name!r} has no {action!r} action")

    def listen(self, member: str) -> Any:
        """Start receiving ``org.a11y.atspi.Event.Object`` ``member`` signals (e.g.
        "Announcement"); returns a filter to ``receive`` them from. Registered with the
        registry as a screen reader does: programs send only the events someone listens to."""
        registry = DBusAddress(
            "/org/a11y/atspi/registry",
            bus_name="org.a11y.atspi.Registry",
            interface="org.a11y.atspi.Registry",
        )
        event = f"object:{member.lower()}"
        self.connection.send_and_get_reply(
            new_method_call(registry, "RegisterEvent", "s", (event,)), timeout=10
        )
        rule = MatchRule(type="signal", interface="org.a11y.atspi.Event.Object", member=member)
        bus = "org.freedesktop.DBus"
        dbus = DBusAddress("/org/freedesktop/DBus", bus_name=bus, interface=bus)
        self.connection.send_and_get_reply(
            new_method_call(dbus, "AddMatch", "s", (rule.serialise(),)), timeout=10
        )
        return self.connection.filter(rule, bufsize=100)
