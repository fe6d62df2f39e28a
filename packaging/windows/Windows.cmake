# Windows: icon and version resource, windeployqt, and CPack NSIS + ZIP (included from
# packaging/CMakeLists.txt). Commands: README.md, "Packages".

# The icon: one .ico with every size, rendered at build time, in assay.exe and in the installer.
set(ASSAY_ICO ${ASSAY_ICON_DIR}/assay.ico)
assay_render_icon(${ASSAY_ICO} 16,24,32,48,64,128,256)
add_custom_target(assay_icons ALL DEPENDS ${ASSAY_ICO})
configure_file(${CMAKE_CURRENT_LIST_DIR}/assay.rc.in ${CMAKE_CURRENT_BINARY_DIR}/assay.rc @ONLY)
target_sources(assay PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/assay.rc)
set_source_files_properties(${CMAKE_CURRENT_BINARY_DIR}/assay.rc TARGET_DIRECTORY assay
    PROPERTIES OBJECT_DEPENDS ${ASSAY_ICO})
add_dependencies(assay assay_icons)

# At install time (and so inside CPack): windeployqt copies the Qt DLLs and plugins the program
# uses (platform, styles, SQL drivers, SVG image format, Qt's own translations), then the DLLs that
# those and assay.exe need from outside Qt (QtKeychain, libpq, libmariadb ...) are copied from the
# Qt bin folder and from ASSAY_DEPLOY_DLL_DIRS.
get_target_property(qmake_location Qt6::qmake LOCATION)
get_filename_component(qt_bin_dir "${qmake_location}" DIRECTORY)
find_program(WINDEPLOYQT_EXECUTABLE windeployqt HINTS "${qt_bin_dir}" REQUIRED)
get_target_property(keychain_location Qt6Keychain::Qt6Keychain LOCATION)
get_filename_component(keychain_dir "${keychain_location}" DIRECTORY)
set(ASSAY_DEPLOY_DLL_DIRS "" CACHE STRING
    "More folders with DLLs to ship, e.g. PostgreSQL's and MariaDB's bin folders")
set(dll_dirs "${qt_bin_dir}" "${keychain_dir}" "${keychain_dir}/../bin" ${ASSAY_DEPLOY_DLL_DIRS})
install(CODE "
    set(bin \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
    set(exe \"\${bin}/$<TARGET_FILE_NAME:assay>\")
    set(dll_dirs \"${dll_dirs}\")
    execute_process(
        COMMAND \"${WINDEPLOYQT_EXECUTABLE}\" --no-compiler-runtime --no-opengl-sw
                --dir \"\${bin}\" \"\${exe}\"
        RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR \"windeployqt failed (\${rc})\")
    endif()
    file(GLOB_RECURSE plugins \"\${bin}/*/*.dll\")
    file(GET_RUNTIME_DEPENDENCIES
        EXECUTABLES \"\${exe}\"
        MODULES \${plugins}
        DIRECTORIES \${dll_dirs}
        RESOLVED_DEPENDENCIES_VAR found
        UNRESOLVED_DEPENDENCIES_VAR missing
        PRE_EXCLUDE_REGEXES \"^api-ms-\" \"^ext-ms-\"
        POST_EXCLUDE_REGEXES \"[Ss][Yy][Ss][Tt][Ee][Mm]32/\")
    foreach(dll IN LISTS found)
        get_filename_component(name \"\${dll}\" NAME)
        if(NOT EXISTS \"\${bin}/\${name}\")
            file(COPY \"\${dll}\" DESTINATION \"\${bin}\")
        endif()
    endforeach()
    if(missing)
        message(WARNING \"not shipped (add their folders to ASSAY_DEPLOY_DLL_DIRS): \${missing}\")
    endif()
")
# The Visual C++ runtime DLLs, next to assay.exe.
set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION ${CMAKE_INSTALL_BINDIR})
include(InstallRequiredSystemLibraries)

# The installer: Start-menu shortcut, optional PATH entry (for the CLI), icon, uninstaller.
set(CPACK_GENERATOR "NSIS;ZIP")
set(CPACK_PACKAGE_FILE_NAME "assay-${PROJECT_VERSION}-win64")
set(CPACK_NSIS_PACKAGE_NAME "Assay ${PROJECT_VERSION}")
set(CPACK_NSIS_DISPLAY_NAME "Assay")
set(CPACK_NSIS_MUI_ICON "${ASSAY_ICO}")
set(CPACK_NSIS_MUI_UNIICON "${ASSAY_ICO}")
set(CPACK_NSIS_INSTALLED_ICON_NAME "${CMAKE_INSTALL_BINDIR}\\\\assay.exe")
set(CPACK_NSIS_URL_INFO_ABOUT "${ASSAY_HOMEPAGE_URL}")
set(CPACK_NSIS_MODIFY_PATH ON)
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_EXECUTABLES_DIRECTORY "${CMAKE_INSTALL_BINDIR}")
set(CPACK_NSIS_MUI_FINISHPAGE_RUN "assay.exe")
