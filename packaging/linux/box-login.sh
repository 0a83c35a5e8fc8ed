#!/bin/sh
# /usr/bin/box-login: starts the bundled Box Login installed under /opt/box-login.
exec /opt/box-login/box-login "$@"
