# CPack: `cpack -G DEB` in a build directory makes proctor_<version>_<arch>.deb. tools/package.sh
# builds it the way it should be built (Release, prefix /usr, no tests), then checks its contents,
# its dependencies and lintian's verdict.
if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  message(STATUS "proctor: CMAKE_INSTALL_PREFIX is ${CMAKE_INSTALL_PREFIX}; a .deb wants -DCMAKE_INSTALL_PREFIX=/usr "
                 "(tools/package.sh does this)")
endif()

set(CPACK_PACKAGE_NAME "proctor")
set(CPACK_PACKAGE_VENDOR "the proctor contributors")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "timed AWS certification practice exams in the terminal")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_RESOURCE_FILE_README "${PROJECT_SOURCE_DIR}/README.md")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_STRIP_FILES ON)  # the debug information stays in the build directory
set(CPACK_GENERATOR "DEB")
set(CPACK_SOURCE_GENERATOR "TGZ")
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git" "/build[^/]*/" "\\\\.db$" "\\\\.db-wal$" "\\\\.db-shm$")

# PROCTOR_DEB_MAINTAINER is defined in dist/CMakeLists.txt (the Debian change log names it too).
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${PROCTOR_DEB_MAINTAINER}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The package's own revision (0.1.0-1): proctor is packaged apart from its source, so it is not a
# Debian-native package, and dist/debian/changelog (installed as changelog.Debian.gz) says so.
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION "education")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# The synopsis is CPACK_PACKAGE_DESCRIPTION_SUMMARY; this is the long description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "proctor simulates each AWS certification exam's real format: 65 or 75
questions with unscored items that look like the others, a scaled score from
100 to 1000 against the pass line, and a clock that keeps running. It ships
original question banks for every current exam, imports banks in six formats
(its own JSON, checklist Markdown, lettered and Aiken, GIFT, Moodle XML, CSV)
and exports them to share, saves every answer the moment it is given, and
keeps every attempt in SQLite for review, practice of what was missed, and
statistics on readiness.")
# dpkg-shlibdeps reads the binary's libraries and writes the Depends line: libsqlite3-0,
# libncursesw6 (and libtinfo6), libboost-program-options1.74.0, libstdc++6, libgcc-s1 and libc6,
# each with the lowest version the binary needs.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")

include(CPack)
