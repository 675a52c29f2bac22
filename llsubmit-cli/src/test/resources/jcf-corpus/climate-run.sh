#!/bin/bash
##===================================================================
## Climate model run script: a shell script whose # @ lines LoadLeveler reads
##===================================================================
# @ job_name = wrf_$(user)
# @ job_type = parallel
# @ class = verylong
# @ node = 4
# @ tasks_per_node = 16
# @ wall_clock_limit = 48:00:00
# @ notification = never ##always
# @ output = $(job_name).$(jobid).log
# @ error = $(output)
# @ environment = $NEXTSTEP; MP_INFOLEVEL=1; \
#                MP_EAGER_LIMIT=64K; \
#                OMP_NUM_THREADS=1
# @ parallel_threads = 1
# @ queue

set -e
export NEXTSTEP=${NEXTSTEP:-wrf}
echo "running $LOADL_STEP_ID on $LOADL_PROCESSOR_LIST"
for month in 01 02 03; do
  mpiexec ./wrf.exe -month $month \
    -out /scratch/$USER/wrf.$month
done
