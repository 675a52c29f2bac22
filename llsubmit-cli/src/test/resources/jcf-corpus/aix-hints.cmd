#!/bin/ksh
# An AIX job whose affinity hints openll ignores with warnings.
# @ job_type = parallel
# @ node = 1
# @ tasks_per_node = 8
# @ rset = rset_mcm_affinity
# @ mcm_affinity_options = mcm_distribute mcm_mem_req mcm_sni_none
# @ checkpoint = no
# @ large_page = N
# @ requirements = (OpSys == "AIX53")
# @ queue
poe ./a.out
