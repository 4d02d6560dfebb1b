# Run by `cmake --install` (and by cpack): the files whose place depends on
# the prefix chosen at install time, not at configure time. With prefix
# /usr (the Debian package) the configuration is /etc/topicd.conf, the
# daemon's default, and the unit goes to /lib/systemd/system; with any
# other prefix P both stay under P. The unit's ExecStart names the
# installed daemon and configuration. An existing configuration outside
# DESTDIR is kept, never overwritten.
# Set before it: TOPICD_SOURCE_DIR, TOPICD_BINARY_DIR, TOPICD_SBINDIR.

if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
	set(topicd_etc "/etc")
	set(topicd_units "/lib/systemd/system")
else()
	set(topicd_etc "${CMAKE_INSTALL_PREFIX}/etc")
	set(topicd_units "${CMAKE_INSTALL_PREFIX}/lib/systemd/system")
endif()
if(IS_ABSOLUTE "${TOPICD_SBINDIR}")
	set(topicd_daemon "${TOPICD_SBINDIR}/topicd")
else()
	set(topicd_daemon "${CMAKE_INSTALL_PREFIX}/${TOPICD_SBINDIR}/topicd")
endif()

if(EXISTS "$ENV{DESTDIR}${topicd_etc}/topicd.conf" AND "$ENV{DESTDIR}" STREQUAL "")
	message(STATUS "Keeping: ${topicd_etc}/topicd.conf")
else()
	file(INSTALL DESTINATION "${topicd_etc}" TYPE FILE
		PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ
		RENAME topicd.conf
		FILES "${TOPICD_SOURCE_DIR}/packaging/topicd.conf.sample")
endif()

file(READ "${TOPICD_SOURCE_DIR}/packaging/topicd.service" topicd_unit)
string(REPLACE "/usr/sbin/topicd " "${topicd_daemon} " topicd_unit "${topicd_unit}")
string(REPLACE "/etc/topicd.conf" "${topicd_etc}/topicd.conf" topicd_unit "${topicd_unit}")
file(WRITE "${TOPICD_BINARY_DIR}/packaging/topicd.service" "${topicd_unit}")
file(INSTALL DESTINATION "${topicd_units}" TYPE FILE
	PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ
	FILES "${TOPICD_BINARY_DIR}/packaging/topicd.service")
