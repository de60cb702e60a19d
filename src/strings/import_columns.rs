//! The import CSV's column names in Spanish, beside the English ones the
//! file format documents. Compared without case, accents, spaces or
//! hyphens, so «Fecha de pago», «fecha_pago» and «FECHA-DE-PAGO» all work.

/// (column, its Spanish names).
pub const ALIASES: &[(&str, &[&str])] = &[
    ("ticket", &["grupo", "n_ticket", "numero_ticket"]),
    ("kind", &["tramite", "tipo", "tipo_de_tramite"]),
    ("motive", &["motivo"]),
    (
        "registered_at",
        &[
            "registrado",
            "fecha_registro",
            "fecha_de_registro",
            "llegada",
        ],
    ),
    (
        "full_name",
        &[
            "nombre",
            "nombres",
            "nombre_completo",
            "nombres_y_apellidos",
            "apellidos_y_nombres",
        ],
    ),
    ("dni", &["documento", "numero_dni"]),
    (
        "dni_issued_on",
        &[
            "emision_dni",
            "fecha_emision_dni",
            "fecha_de_emision_del_dni",
        ],
    ),
    (
        "email",
        &["correo", "correo_electronico", "correo_institucional"],
    ),
    ("photo", &["foto", "fotografia"]),
    ("signature", &["firma"]),
    (
        "payment_operation",
        &[
            "operacion",
            "n_operacion",
            "numero_de_operacion",
            "operacion_pago",
        ],
    ),
    ("payment_date", &["fecha_pago", "fecha_de_pago"]),
    (
        "payment_amount",
        &["monto", "importe", "monto_pago", "monto_pagado"],
    ),
    (
        "cert_expires_on",
        &[
            "vencimiento",
            "vence_certificado",
            "vencimiento_del_certificado",
            "vencimiento_certificado",
        ],
    ),
    ("certificate", &["certificado"]),
];
