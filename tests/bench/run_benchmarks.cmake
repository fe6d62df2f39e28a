# Runs every benchmark executable in turn; each prints its own figures.
separate_arguments(benches UNIX_COMMAND "${BENCHES}")
foreach(bench ${benches})
    message(STATUS "== ${bench}")
    execute_process(COMMAND ${BIN}/${bench} RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${bench} failed (${rc})")
    endif()
endforeach()
