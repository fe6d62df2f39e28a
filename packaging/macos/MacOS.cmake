# macOS: the Assay.app bundle (Info.plist, icon), macdeployqt, and CPack DragNDrop (a DMG with an
# Applications link); included from packaging/CMakeLists.txt. Commands: README.md, "Packages".

set_target_properties(assay PROPERTIES
    MACOSX_BUNDLE_INFO_PLIST ${CMAKE_CURRENT_LIST_DIR}/Info.plist.in
    MACOSX_BUNDLE_BUNDLE_NAME "Assay"
    MACOSX_BUNDLE_GUI_IDENTIFIER "${ASSAY_APP_ID}"
    MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
    MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
    MACOSX_BUNDLE_COPYRIGHT "The Assay developers"
    MACOSX_BUNDLE_ICON_FILE "assay.icns")

# The icon: an .iconset rendered from the SVG at build time, made into assay.icns by iconutil
# (part of macOS). Without iconutil the bundle gets no icon; on a Mac, by hand:
#   iconutil -c icns -o assay.icns <build>/packaging/icons/assay.iconset
set(iconset ${ASSAY_ICON_DIR}/assay.iconset)
set(iconset_pngs "")
foreach(size 16 32 128 256 512)
    math(EXPR double "${size} * 2")
    assay_render_icon(${iconset}/icon_${size}x${size}.png ${size})
    assay_render_icon(${iconset}/icon_${size}x${size}@2x.png ${double})
    list(APPEND iconset_pngs
        ${iconset}/icon_${size}x${size}.png ${iconset}/icon_${size}x${size}@2x.png)
endforeach()
find_program(ICONUTIL_EXECUTABLE iconutil)
if(ICONUTIL_EXECUTABLE)
    set(icns ${ASSAY_ICON_DIR}/assay.icns)
    add_custom_command(OUTPUT ${icns}
        COMMAND ${ICONUTIL_EXECUTABLE} -c icns -o ${icns} ${iconset}
        DEPENDS ${iconset_pngs}
        VERBATIM)
    add_custom_target(assay_icons ALL DEPENDS ${icns})
    target_sources(assay PRIVATE ${icns})
    set_source_files_properties(${icns} TARGET_DIRECTORY assay
        PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
    add_dependencies(assay assay_icons)
else()
    add_custom_target(assay_icons ALL DEPENDS ${iconset_pngs})
    message(STATUS "iconutil not found: Assay.app gets no icon (see packaging/macos/MacOS.cmake)")
endif()

# At install time (and so inside CPack): macdeployqt copies Qt's frameworks and plugins (platform,
# styles, SQL drivers, SVG) and the other libraries the bundle links (QtKeychain, libpq ...).
get_target_property(qmake_location Qt6::qmake LOCATION)
get_filename_component(qt_bin_dir "${qmake_location}" DIRECTORY)
find_program(MACDEPLOYQT_EXECUTABLE macdeployqt HINTS "${qt_bin_dir}" REQUIRED)
install(CODE "
    execute_process(
        COMMAND \"${MACDEPLOYQT_EXECUTABLE}\"
                \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/$<TARGET_FILE_NAME:assay>.app\"
                -always-overwrite
        RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR \"macdeployqt failed (\${rc})\")
    endif()
")

set(CPACK_GENERATOR "DragNDrop")
set(CPACK_PACKAGE_FILE_NAME "Assay-${PROJECT_VERSION}")
set(CPACK_DMG_VOLUME_NAME "Assay ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT "UDZO")
