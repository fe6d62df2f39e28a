# Linux: freedesktop integration and the Debian package (included from packaging/CMakeLists.txt).

# Icons: the SVG as is, and PNGs rendered from it at build time (hicolor theme layout).
set(ASSAY_ICON_PNG_SIZES 16 32 48 64 128 256)
set(icon_pngs "")
foreach(size IN LISTS ASSAY_ICON_PNG_SIZES)
    set(png ${ASSAY_ICON_DIR}/hicolor/${size}x${size}/apps/assay.png)
    assay_render_icon(${png} ${size})
    list(APPEND icon_pngs ${png})
    install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()
add_custom_target(assay_icons ALL DEPENDS ${icon_pngs})
install(FILES ${ASSAY_ICON_SVG} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

# The desktop entry keeps the name QGuiApplication::setDesktopFileName() gives (ui/GuiMain.cpp).
install(FILES ${CMAKE_CURRENT_LIST_DIR}/assay.desktop
    DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)

# systemd user units for running due schedules headless (not enabled: see linux/README.md).
install(FILES ${CMAKE_CURRENT_LIST_DIR}/assay-run-due.service
              ${CMAKE_CURRENT_LIST_DIR}/assay-run-due.timer
    DESTINATION lib/systemd/user)

configure_file(${CMAKE_CURRENT_LIST_DIR}/${ASSAY_APP_ID}.metainfo.xml.in
    ${CMAKE_CURRENT_BINARY_DIR}/${ASSAY_APP_ID}.metainfo.xml @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/${ASSAY_APP_ID}.metainfo.xml
    DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

# The Debian package: assay_<version>_<arch>.deb. It uses the distribution's Qt 6, QtKeychain and
# SQL drivers instead of bundling them. dpkg-shlibdeps (package dpkg-dev) finds the libraries the
# binary links; the plugins Qt loads at run time are named here, since no tool can see them.
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_PACKAGE_NAME "assay")
set(CPACK_DEBIAN_FILE_NAME "DEB-DEFAULT")
set(CPACK_DEBIAN_PACKAGE_SECTION "database")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# The long description; CPack puts CPACK_PACKAGE_DESCRIPTION_SUMMARY before it as the synopsis.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Assay discovers what is in a database or a folder of files (Sync), measures
every field (Profile), infers and runs quality checks (Scan), and keeps the
results in a database you own. Credentials live in the system keychain.
The same program is a command-line tool.")
set(assay_plugin_depends
    libqt6sql6-sqlite libqt6sql6-psql libqt6sql6-mysql libqt6sql6-odbc
    libqt6svg6 qt6-qpa-plugins libsecret-1-0)
find_program(DPKG_SHLIBDEPS_EXECUTABLE dpkg-shlibdeps)
if(DPKG_SHLIBDEPS_EXECUTABLE)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
    message(STATUS "dpkg-shlibdeps not found (package dpkg-dev): "
                   "the .deb names its Qt and QtKeychain libraries by hand")
    list(PREPEND assay_plugin_depends
        "libqt6core6 (>= 6.4)" libqt6gui6 libqt6widgets6 libqt6network6 libqt6sql6
        libqt6concurrent6 libqt6keychain1)
endif()
string(REPLACE ";" ", " CPACK_DEBIAN_PACKAGE_DEPENDS "${assay_plugin_depends}")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager")
