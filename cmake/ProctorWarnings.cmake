# The one warning policy: every proctor target calls proctor_warnings(). The build is warning-free
# with g++ 12 and clang 14 in Debug, RelWithDebInfo and Release; PROCTOR_WERROR (CI) makes any new
# warning an error. -Wnull-dereference is left out: with g++ 12 at -O2 it reports false positives
# inside libstdc++'s std::string when reached through Boost.Program_options.
function(proctor_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough
    -Wformat=2)
  if(PROCTOR_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
