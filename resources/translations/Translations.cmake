# Translations of Assay's texts, included from ui/CMakeLists.txt (it works on target assay_ui).
#   - lupdate: `cmake --build <dir> --target update_translations` (or `make translations`) scans
#     app/, models/ and ui/ for tr() texts and updates resources/translations/assay_*.ts in place;
#   - lrelease: at build time every .ts becomes a .qm, embedded in assay_ui under ":/i18n", where
#     installTranslations() (ui/common/Translations.h) finds it.
# A new language: add assay_<locale>.ts to ASSAY_TS_FILES and run `make translations`.
# Qt's LinguistTools (Debian: qt6-tools-dev, qt6-l10n-tools) are optional: without them Assay is
# built in English only.
find_package(Qt6 QUIET OPTIONAL_COMPONENTS LinguistTools)
if(NOT Qt6LinguistTools_FOUND)
    message(STATUS "Qt6 LinguistTools not found: building without translations "
                   "(install qt6-tools-dev and qt6-l10n-tools to get them)")
    return()
endif()

set(ASSAY_TS_FILES
    ${PROJECT_SOURCE_DIR}/resources/translations/assay_de.ts)

file(GLOB_RECURSE ASSAY_TR_SOURCES CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/app/*.cpp ${PROJECT_SOURCE_DIR}/app/*.h
    ${PROJECT_SOURCE_DIR}/models/*.cpp ${PROJECT_SOURCE_DIR}/models/*.h
    ${PROJECT_SOURCE_DIR}/ui/*.cpp ${PROJECT_SOURCE_DIR}/ui/*.h)

qt_add_lupdate(assay_ui
    TS_FILES ${ASSAY_TS_FILES}
    SOURCES ${ASSAY_TR_SOURCES}
    INCLUDE_DIRECTORIES
        ${PROJECT_SOURCE_DIR}/app ${PROJECT_SOURCE_DIR}/models ${PROJECT_SOURCE_DIR}/ui
    OPTIONS -locations relative -no-obsolete)
qt_add_lrelease(assay_ui
    TS_FILES ${ASSAY_TS_FILES}
    QM_FILES_OUTPUT_VARIABLE ASSAY_QM_FILES)
qt_add_resources(assay_ui "assay_translations"
    PREFIX "/i18n"
    BASE ${CMAKE_CURRENT_BINARY_DIR}
    FILES ${ASSAY_QM_FILES})
