#!/bin/ksh
# A job that names its executable and continues long statements.
# @ executable   = bin/solver
# @ arguments    = -n 10 \
                   "input file.dat" \
#                  --verbose
# @ requirements = (Arch == "x86_64") && \
#                  (Feature == "fast#net")   # quoted # is kept
# @ preferences  = (Memory >= 4096)
# @ shell        = /bin/ksh
# @ environment  = COPY_ALL; !DISPLAY; \
#                  SOLVER_HOME=$(home)/solver
# @ output       = logs/$(base_executable).$(jobid).out
# @ error        = logs/$(base_executable).$(jobid).err
# @ queue
